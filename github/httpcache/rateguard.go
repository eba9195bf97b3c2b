package httpcache

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prscope/prscope/model"
)

// RateGuard is the transport that owns prscope's rate-limit policy. It sits
// under the cache, so that whatever it refuses the cache can still answer.
//
// It exists because go-github v62 gets two things wrong for us: it does not
// recognise a 429 as a rate limit, and once it has seen Remaining reach 0
// (or a secondary limit's Retry-After) it refuses every request until the
// reset, before the cache could answer it. So the guard keeps the true
// figures itself, renames the X-RateLimit-* headers it passes up to
// X-Prscope-RateLimit-*, and strips a secondary limit's documentation_url,
// which leaves go-github nothing to block on.
//
// GitHub counts each resource (core, search, code_search, graphql) in a
// bucket of its own, so the guard does too: a used-up search budget (30 a
// minute) must not stop the list and timelines, nor a used-up core budget
// a search. Secondary limits are GitHub's for the whole client: one backoff.
//
// A primary limit (the budget spent until a reset often an hour away) is
// refused at once. A secondary limit's backoff is short: a request asked
// during it waits for its end when its own deadline allows (queued, then
// sent one at a time: rateguard_wait.go), and is refused at once when the
// backoff outlasts its deadline, so the cache answers with what it has.
//
// Why not github.com/gofri/go-github-ratelimit/v2: it sleeps inside the
// transport until Retry-After or the reset, whatever the request's
// deadline, so the cache above could never answer in time, and it waits
// out primary limits too.
type RateGuard struct {
	next http.RoundTripper
	now  func() time.Time

	mu              sync.Mutex
	buckets         map[string]*rateBucket // by resource: "core", "search", …
	secondaryUntil  time.Time              // nothing is sent before this (Retry-After)
	secondaryStatus int                    // 403 or 429: what the secondary limit came as
	strikes         int                    // secondary limits in a row, for the backoff
	probing         bool                   // the one request sent after a backoff is in flight
	inBackoff       bool                   // a backoff holds, until its timer or the clock ends it
	backoffGen      int                    // counts backoffs: a stale timer, or an answer sent before one began, is known
	timer           *time.Timer            // ends the backoff on time, so the queue goes without a new request
	queue           []*rateWaiter          // requests waiting for the backoff to end, oldest first
	sent            int                    // requests let through to the network
}

// Headers the guard adds.
const (
	HeaderRefused    = "X-Prscope-Refused"     // "1": not sent, refused here
	HeaderRateReset  = "X-Prscope-Rate-Reset"  // the primary limit's reset (RFC 3339)
	HeaderRetryAfter = "X-Prscope-Retry-After" // seconds until a secondary limit lifts
)

const (
	secondaryBackoff    = time.Minute      // without Retry-After, doubling on repeats
	maxSecondaryBackoff = 10 * time.Minute // up to this
	unknownResetWait    = time.Minute      // a used-up limit with no reset time
	maxErrorBody        = 1 << 20          // bytes of a rate-limit answer read to classify it
)

// NewRateGuard wraps next (http.DefaultTransport when nil); now is the clock
// (time.Now when nil).
func NewRateGuard(next http.RoundTripper, now func() time.Time) *RateGuard {
	if next == nil {
		next = http.DefaultTransport
	}
	if now == nil {
		now = time.Now
	}
	return &RateGuard{next: next, now: now, buckets: map[string]*rateBucket{}}
}

// RateLimit returns the latest figures GitHub reported for the core
// resource (everything but search).
func (g *RateGuard) RateLimit() model.RateLimit { return g.RateLimitOf(model.ResourceCore) }

// Sent counts the requests the guard let through to the network: none
// means whatever was shown came from the cache.
func (g *RateGuard) Sent() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.sent
}

// RateLimitOf returns the latest figures GitHub reported for resource.
func (g *RateGuard) RateLimitOf(resource string) model.RateLimit {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.bucket(resource).rate
}

// RoundTrip sends req unless a rate limit is known to be in force: during a
// secondary backoff it waits for the end when req's deadline allows;
// otherwise it answers at once with a refusal (no network).
func (g *RateGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	refusal, t, err := g.admitOrWait(req)
	if err != nil || refusal != nil {
		closeRequestBody(req)
		return refusal, err
	}
	g.mu.Lock()
	g.sent++
	g.mu.Unlock()
	resp, err := g.next.RoundTrip(req)
	if err != nil {
		if t.probe {
			g.mu.Lock()
			g.probing = false // no verdict: the next request probes again
			g.dispatch()
			g.mu.Unlock()
		}
		return nil, err
	}
	return g.observe(req, resp, t), nil
}

// ticket is what admit let a request through as: the probe after a
// backoff or not, and in which backoff generation it was sent.
type ticket struct {
	probe bool
	gen   int
}

// admit decides about req: send it (ticket), refuse it (refusal), or queue
// it (w, to wait on). holder is the waiter req was queued as, when it is
// woken: if dispatch made it the probe, it goes as the probe.
func (g *RateGuard) admit(req *http.Request, holder *rateWaiter) (refusal *http.Response, t ticket, w *rateWaiter) {
	now := g.now()
	g.mu.Lock()
	defer g.mu.Unlock()
	b := g.bucket(requestResource(req))
	if now.Before(b.until) {
		if holder != nil && holder.probe {
			g.probing = false // pass the probe on
			g.dispatch()
		}
		return g.refusePrimary(req, b), ticket{}, nil
	}
	if holder != nil && holder.probe {
		return nil, ticket{probe: true, gen: g.backoffGen}, nil
	}
	if g.inBackoff && !now.Before(g.secondaryUntil) {
		g.endBackoff() // the clock says it is over (before its timer)
	}
	if !g.inBackoff && !g.probing && len(g.queue) == 0 {
		if g.strikes > 0 {
			g.probing = true
			return nil, ticket{probe: true, gen: g.backoffGen}, nil
		}
		return nil, ticket{gen: g.backoffGen}, nil
	}
	var wait time.Duration // while a probe is in flight: unknown
	if g.inBackoff {
		wait = g.secondaryUntil.Sub(now)
	}
	w = newRateWaiter(req)
	if !w.canWait(wait) {
		return g.refuseSecondary(req, now), ticket{}, nil
	}
	g.queue = append(g.queue, w)
	return nil, ticket{}, w
}

func (g *RateGuard) refusePrimary(req *http.Request, b *rateBucket) *http.Response {
	h := http.Header{HeaderRefused: {"1"}, HeaderRateReset: {b.until.UTC().Format(time.RFC3339)}}
	b.rateHeaders(h)
	return synthesized(req, http.StatusForbidden, "API rate limit exceeded; not sent until the reset", h)
}

func (g *RateGuard) refuseSecondary(req *http.Request, now time.Time) *http.Response {
	wait := max(g.secondaryUntil.Sub(now), time.Second) // while probing: try again in a moment
	secs := strconv.FormatInt(int64((wait+time.Second-1)/time.Second), 10)
	h := http.Header{HeaderRefused: {"1"}, HeaderRetryAfter: {secs}}
	g.bucket(requestResource(req)).rateHeaders(h)
	status := g.secondaryStatus
	if status == 0 {
		status = http.StatusForbidden
	}
	return synthesized(req, status, "secondary rate limit; not sent for "+secs+"s", h)
}

// rateHeaders adds the bucket's latest known figures, under the guard's names.
func (b *rateBucket) rateHeaders(h http.Header) {
	if !b.rate.Known {
		return
	}
	h.Set("X-Prscope-Ratelimit-Limit", strconv.Itoa(b.rate.Limit))
	h.Set("X-Prscope-Ratelimit-Remaining", strconv.Itoa(b.rate.Remaining))
	h.Set("X-Prscope-Ratelimit-Reset", strconv.FormatInt(b.rate.Reset.Unix(), 10))
	h.Set("X-Prscope-Ratelimit-Resource", b.resource)
}

// observe records what resp says about the limits and makes it safe to
// pass up to go-github. t is how admit let req through.
func (g *RateGuard) observe(req *http.Request, resp *http.Response, t ticket) *http.Response {
	now := g.now()
	h := resp.Header
	remaining, hasRemaining := headerInt(h, "X-Ratelimit-Remaining")
	limit, _ := headerInt(h, "X-Ratelimit-Limit")
	var reset time.Time
	if n, ok := headerInt(h, "X-Ratelimit-Reset"); ok && n > 0 {
		reset = time.Unix(int64(n), 0)
	}

	limited := resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests
	var message string
	if limited {
		message = readErrorMessage(resp)
	}
	secondary := limited && (h.Get("Retry-After") != "" || isSecondaryMessage(message) ||
		(resp.StatusCode == http.StatusTooManyRequests && !(hasRemaining && remaining == 0)))
	primary := hasRemaining && remaining == 0 && !secondary

	resource := strings.ToLower(strings.TrimSpace(h.Get("X-Ratelimit-Resource")))
	if resource == "" {
		resource = requestResource(req)
	}

	g.mu.Lock()
	b := g.bucket(resource)
	if hasRemaining {
		b.rate = model.RateLimit{Limit: limit, Remaining: remaining, Reset: reset, Known: true}
	}
	switch {
	case primary && limited:
		b.until = reset
		if !reset.After(now) {
			b.until = now.Add(unknownResetWait)
		}
	case primary && reset.After(now):
		// The last request the budget allowed: the next would be refused.
		b.until = reset
	case secondary:
		g.strikes++
		wait := RetryAfter(h, now)
		if wait <= 0 {
			wait = min(secondaryBackoff<<min(g.strikes-1, 4), maxSecondaryBackoff)
		}
		g.secondaryStatus = resp.StatusCode
		g.startBackoff(now, wait)
	}
	primaryUntil, secondaryUntil := b.until, g.secondaryUntil
	if t.probe {
		g.probing = false
	}
	if !secondary && resp.StatusCode < 400 && t.gen == g.backoffGen {
		// An answer sent before a backoff began forgives nothing.
		g.strikes = 0
	}
	g.dispatch() // the probe's verdict is in: the queue may go
	g.mu.Unlock()

	renameRateHeaders(h)
	switch {
	case primary && limited:
		h.Set(HeaderRateReset, primaryUntil.UTC().Format(time.RFC3339))
		rewriteErrorBody(resp, message)
	case secondary:
		h.Set(HeaderRetryAfter, strconv.FormatInt(int64(secondaryUntil.Sub(now).Round(time.Second)/time.Second), 10))
		rewriteErrorBody(resp, message)
	}
	return resp
}

func headerInt(h http.Header, name string) (int, bool) {
	v := h.Get(name)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

func isSecondaryMessage(msg string) bool {
	msg = strings.ToLower(msg)
	return strings.Contains(msg, "secondary rate limit") || strings.Contains(msg, "abuse detection")
}

// readErrorMessage reads resp's body (up to maxErrorBody) for GitHub's
// message, leaving the body readable again.
func readErrorMessage(resp *http.Response) string {
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	var body struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(data, &body) == nil && body.Message != "" {
		return body.Message
	}
	return string(data)
}

// rewriteErrorBody replaces a rate-limit answer's body with GitHub's
// message alone: without documentation_url, go-github does not take a 403
// for an AbuseRateLimitError and remember its Retry-After.
func rewriteErrorBody(resp *http.Response, message string) {
	body, _ := json.Marshal(struct {
		Message string `json:"message"`
	}{message})
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	resp.Header.Set("Content-Type", "application/json; charset=utf-8")
}

// renameRateHeaders moves X-RateLimit-* to X-Prscope-RateLimit-*, so that
// go-github never learns that Remaining reached 0.
func renameRateHeaders(h http.Header) {
	for k, vs := range h {
		if name := guardedHeaderName(k); name != k {
			delete(h, k)
			h[name] = vs
		}
	}
}

// guardedHeaderName is the guard's name for a rate-limit header (canonical
// form in, canonical form out); other names come back unchanged.
func guardedHeaderName(canonical string) string {
	if rest, ok := strings.CutPrefix(canonical, "X-Ratelimit-"); ok {
		return "X-Prscope-Ratelimit-" + rest
	}
	return canonical
}

// closeRequestBody honours RoundTripper's contract for a request that is
// answered without being sent.
func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// synthesized is an answer made here rather than by GitHub, in GitHub's
// JSON error shape.
func synthesized(req *http.Request, status int, message string, extra http.Header) *http.Response {
	body, _ := json.Marshal(struct {
		Message string `json:"message"`
	}{message})
	h := http.Header{"Content-Type": {"application/json; charset=utf-8"}, "Content-Length": {strconv.Itoa(len(body))}}
	for k, vs := range extra {
		h[http.CanonicalHeaderKey(k)] = vs
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// rateBucket is one resource's budget as GitHub last reported it.
type rateBucket struct {
	resource string
	rate     model.RateLimit
	until    time.Time // nothing for this resource is sent before this (the reset)
}

// bucket returns resource's bucket, made on first use. Callers hold mu.
func (g *RateGuard) bucket(resource string) *rateBucket {
	b, ok := g.buckets[resource]
	if !ok {
		b = &rateBucket{resource: resource}
		g.buckets[resource] = b
	}
	return b
}

// requestResource is the budget GitHub charges req to, known from its path
// before any answer says so: /search/code and /search/* have their own; the
// rest is core. A repository named "search" (/repos/o/search/…) is core.
func requestResource(req *http.Request) string {
	p := req.URL.Path
	if strings.Contains(p, "/repos/") {
		return model.ResourceCore
	}
	switch {
	case strings.Contains(p, "/search/code"):
		return model.ResourceCodeSearch
	case strings.Contains(p, "/search/"):
		return model.ResourceSearch
	}
	return model.ResourceCore
}

// RetryAfter reads Retry-After, in seconds or as an HTTP date; 0 if absent.
func RetryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 || n > 24*3600 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
