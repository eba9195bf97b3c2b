package github

import "sync"

// workQueue is the one bounded pool the client's side-by-side fetching
// goes through (the pages after a listing's first, a dump's commit
// messages, a dump's runs' jobs): do runs on each item pushed, at most n
// at a time, taken in the order pushed. Items may keep coming while it
// runs; close says no more will, stop that none still queued is wanted.
type workQueue[T any] struct {
	mu      sync.Mutex
	ready   *sync.Cond
	items   []T
	closed  bool // no more items: workers end once the queue is empty
	stopped bool // take nothing more, queued or not
	wg      sync.WaitGroup
}

func newWorkQueue[T any](n int, do func(T)) *workQueue[T] {
	q := &workQueue[T]{}
	q.ready = sync.NewCond(&q.mu)
	for range max(n, 1) {
		q.wg.Go(func() {
			for {
				item, ok := q.take()
				if !ok {
					return
				}
				do(item)
			}
		})
	}
	return q
}

// take waits for the next item; false once there is none to come.
func (q *workQueue[T]) take() (T, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed && !q.stopped {
		q.ready.Wait()
	}
	var item T
	if q.stopped || len(q.items) == 0 {
		return item, false
	}
	item, q.items = q.items[0], q.items[1:]
	return item, true
}

func (q *workQueue[T]) push(items ...T) {
	q.mu.Lock()
	q.items = append(q.items, items...)
	q.mu.Unlock()
	q.ready.Broadcast()
}

func (q *workQueue[T]) close() { q.set(&q.closed) }
func (q *workQueue[T]) stop()  { q.set(&q.stopped) }

func (q *workQueue[T]) set(flag *bool) {
	q.mu.Lock()
	*flag = true
	q.mu.Unlock()
	q.ready.Broadcast()
}

// wait returns once every worker has ended (after close or stop).
func (q *workQueue[T]) wait() { q.wg.Wait() }
