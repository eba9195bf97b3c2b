package httpcache

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// staleLog remembers why the cache served stale copies because a rate
// limit refused the request, so `prscope dump` can say so once.
type staleLog struct {
	mu       sync.Mutex
	oldest   time.Time // the oldest stale copy served for a rate limit
	reset    time.Time // the latest primary-limit reset named
	retry    time.Time // the end of a secondary limit's wait, when one was named
	rateHits int
}

// noteStale records that e's copy was served in place of resp, when resp
// was a rate limit (the guard's refusal or GitHub's answer as the guard
// marks it); other reasons (offline, a server down) are not recorded.
func (l *staleLog) noteStale(stored time.Time, h http.Header, now time.Time) {
	reset, _ := time.Parse(time.RFC3339, h.Get(HeaderRateReset))
	secs, err := strconv.Atoi(h.Get(HeaderRetryAfter))
	if reset.IsZero() && err != nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rateHits++
	if l.oldest.IsZero() || stored.Before(l.oldest) {
		l.oldest = stored
	}
	if reset.After(l.reset) {
		l.reset = reset
	}
	if err == nil {
		if until := now.Add(time.Duration(secs) * time.Second); until.After(l.retry) {
			l.retry = until
		}
	}
}

// StaleNote says, in one line, that answers were served from the cache
// because a rate limit was used up, how old the oldest was, and until when
// the limit holds ("served from cache, 3h old: rate limit used up until
// 19:39"); "" when that did not happen.
func (c *Cache) StaleNote() string {
	l := &c.stale
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rateHits == 0 {
		return ""
	}
	age := c.now().Sub(l.oldest)
	why := "secondary rate limit"
	switch {
	case !l.reset.IsZero():
		why = "rate limit used up until " + l.reset.Local().Format("15:04")
	case !l.retry.IsZero():
		why = "secondary rate limit until " + l.retry.Local().Format("15:04")
	}
	return fmt.Sprintf("served from cache, %s old: %s", roughAge(age), why)
}

// roughAge is d in its largest whole unit: "3h", "12m", "40s", "2d".
func roughAge(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	case d >= time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	case d >= time.Minute:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%ds", max(0, int(d/time.Second)))
}
