package github

// Queued exposes how many requests wait in the rate guard's queue, so the
// external tests can wait for an event rather than for time.
func (g *RateGuard) Queued() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}
