package fake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prscope/prscope/model"
)

// FakeOptions tune how a FakeServer behaves like the real GitHub.
type FakeOptions struct {
	MinLatency, MaxLatency time.Duration // random per-request delay in [Min,Max]; zero = none
	RateLimit              int           // X-RateLimit-Limit; default 5000
	MaxAge                 time.Duration // Cache-Control max-age of 200 answers; default 60s
	// Login is who GET /user says the token belongs to; DefaultFakeLogin
	// when empty. Token, when set, is the only token GET /user accepts.
	Login, Token     string
	SearchRateLimit  int  // search requests a minute (X-RateLimit-Resource: search); default 30
	SearchIncomplete bool // search answers say incomplete_results: true (GitHub timed out)
}

// RecordedRequest is one request the FakeServer received, for tests.
type RecordedRequest struct {
	Method, Path string
	Query        url.Values
	Header       http.Header
	Status       int // the status answered (304 for a conditional request that matched); 0 if none was
	// Start is when the request arrived, End when its handler returned
	// (zero while it runs): what RoundTrips reads.
	Start, End time.Time
}

// FakeServer is a GitHub REST API look-alike over a Dataset, on a real
// loopback socket, so clients are exercised through net/http exactly as
// against api.github.com: JSON shapes, pagination Link headers, ETags and
// rate-limit headers. The Dataset must not change while the server runs.
type FakeServer struct {
	URL string // "http://127.0.0.1:PORT/", with the trailing slash
	// LogURL is the log host's base, "http://localhost:PORT2/": where job
	// logs are redirected to, under another host name than URL's, as
	// GitHub's log storage is (actions_logs.go).
	LogURL string

	opts    FakeOptions
	index   *fakeIndex
	handler http.Handler
	resetAt time.Time // when the rate-limit window ends
	// lastModified is every answer's Last-Modified: the data does not
	// change while the server runs.
	lastModified time.Time

	httpServer *http.Server
	serveDone  chan struct{}
	logHost    logHost
	closing    chan struct{} // closed by Close: ends latency sleeps early
	closeOnce  sync.Once
	closeErr   error

	mu       sync.Mutex
	closed   bool
	active   sync.WaitGroup // handlers running; Add only under mu while !closed
	used     int
	search   searchBudget // the search resource's own bucket
	requests []RecordedRequest
	rng      *rand.Rand
	faults   func(*http.Request) *Fault // see SetFaults

	// requests[0] is request number firstSeq; nextSeq numbers the next one.
	firstSeq, nextSeq uint64
}

// NewFakeServer serves ds on 127.0.0.1 on a free port until Close.
func NewFakeServer(ds *Dataset, opts FakeOptions) (*FakeServer, error) {
	if opts.RateLimit <= 0 {
		opts.RateLimit = 5000
	}
	if opts.SearchRateLimit <= 0 {
		opts.SearchRateLimit = 30
	}
	if opts.MaxAge <= 0 {
		opts.MaxAge = time.Minute
	}
	if opts.MaxLatency < opts.MinLatency {
		opts.MaxLatency = opts.MinLatency
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &FakeServer{
		URL:     "http://" + ln.Addr().String() + "/",
		opts:    opts,
		index:   newFakeIndex(ds),
		resetAt: time.Now().Add(time.Hour).Truncate(time.Second),
		// Whole seconds, as HTTP dates have them.
		lastModified: time.Now().Truncate(time.Second).UTC(),
		serveDone:    make(chan struct{}),
		closing:      make(chan struct{}),
		rng:          rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x9e3779b97f4a7c15)),
	}
	if err := s.startLogHost(); err != nil {
		ln.Close()
		return nil, err
	}
	s.handler = http.HandlerFunc(s.serveHTTP)
	s.httpServer = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.serveDone)
		_ = s.httpServer.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// Handler returns the server's handler, for mounting it elsewhere. Links it
// writes still point at s.URL.
func (s *FakeServer) Handler() http.Handler { return s.handler }

// Close stops the server and waits until every handler has returned.
func (s *FakeServer) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		// The listener and connections go first: a client whose hanging
		// request is cut off may retry it (GETs are idempotent), and the
		// retry must find nothing to dial, not a server answering 503.
		s.closeErr = errors.Join(s.httpServer.Close(), s.logHost.server.Close())
		close(s.closing)
		<-s.serveDone
		<-s.logHost.done
		s.active.Wait()
	})
	return s.closeErr
}

// Requests returns the requests received so far, oldest first.
func (s *FakeServer) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RecordedRequest, len(s.requests))
	for i, r := range s.requests {
		out[i] = RecordedRequest{Method: r.Method, Path: r.Path, Query: cloneValues(r.Query), Header: r.Header.Clone(),
			Status: r.Status, Start: r.Start, End: r.End}
	}
	return out
}

// ResetRequests forgets the recorded requests.
func (s *FakeServer) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
	s.firstSeq = s.nextSeq
	s.logHost.requests = nil
	s.logHost.resets++
}

func cloneValues(v url.Values) url.Values {
	return url.Values(http.Header(v).Clone())
}

// serveHTTP records the request, waits the simulated latency and routes it.
func (s *FakeServer) serveHTTP(w http.ResponseWriter, r *http.Request) {
	delay, seq, ok := s.admit(r)
	if !ok {
		http.Error(w, "fake GitHub server closed", http.StatusServiceUnavailable)
		return
	}
	defer s.active.Done()
	defer s.recordEnd(seq)
	// The status is recorded as it is written, before the client can see
	// the reply: a test reading Requests() after its answer sees it.
	sw := &statusWriter{ResponseWriter: w, record: func(code int) { s.recordStatus(seq, code) }}
	w = sw
	if delay > 0 && !s.sleep(r.Context(), delay) {
		return // the client gave up or the server is closing: nobody reads a reply
	}
	if f := s.faultFor(r); f != nil {
		s.serveFault(w, r, f)
		return
	}
	s.route(w, r)
}

// admit records r and picks its latency; false once the server is closed.
// seq numbers r among the recorded requests.
func (s *FakeServer) admit(r *http.Request) (delay time.Duration, seq uint64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, 0, false
	}
	s.active.Add(1)
	s.requests = append(s.requests, RecordedRequest{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Start:  time.Now(),
	})
	delay = s.opts.MinLatency
	if spread := s.opts.MaxLatency - s.opts.MinLatency; spread > 0 {
		delay += time.Duration(s.rng.Int64N(int64(spread) + 1))
	}
	seq = s.nextSeq
	s.nextSeq++
	return delay, seq, true
}

// recordStatus notes the status answered to request seq, unless
// ResetRequests dropped it meanwhile.
func (s *FakeServer) recordStatus(seq uint64, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq >= s.firstSeq && seq-s.firstSeq < uint64(len(s.requests)) {
		s.requests[seq-s.firstSeq].Status = status
	}
}

// recordEnd notes when request seq's handler returned.
func (s *FakeServer) recordEnd(seq uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq >= s.firstSeq && seq-s.firstSeq < uint64(len(s.requests)) {
		s.requests[seq-s.firstSeq].End = time.Now()
	}
}

// statusWriter records the status a handler sends, once, as it sends it.
type statusWriter struct {
	http.ResponseWriter
	status int
	record func(status int)
}

func (sw *statusWriter) note(code int) {
	if sw.status == 0 {
		sw.status = code
		sw.record(code)
	}
}

func (sw *statusWriter) WriteHeader(code int) {
	sw.note(code)
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *statusWriter) Write(p []byte) (int, error) {
	sw.note(http.StatusOK)
	return sw.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (sw *statusWriter) Unwrap() http.ResponseWriter { return sw.ResponseWriter }

// sleep waits d and reports whether the request should still be answered.
func (s *FakeServer) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		return false
	}
}

// rateHeaders sets GitHub's rate-limit headers, first spending one request
// of the budget when counted.
func (s *FakeServer) rateHeaders(h http.Header, counted bool) {
	s.mu.Lock()
	if counted && s.used < s.opts.RateLimit {
		s.used++
	}
	used := s.used
	s.mu.Unlock()
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.opts.RateLimit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.opts.RateLimit-used))
	h.Set("X-RateLimit-Used", strconv.Itoa(used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.resetAt.Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
}

// rateState reports the current budget without spending any.
func (s *FakeServer) rateState() (limit, used int, reset time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts.RateLimit, s.used, s.resetAt
}

// reply is what a route answers; writeReply turns it into HTTP.
type reply struct {
	status    int
	value     any
	link      string // Link header, if paginated
	paged     bool   // an object GitHub pages like a list (check runs), for faultLink
	uncounted bool   // true for /rate_limit, which GitHub does not charge
	resource  string // the rate-limit bucket charged; "" for core
	// header is set on the answer as well (a redirect's Location); with
	// value nil and a status other than 200 the answer has no body.
	header http.Header
}

// ghError is GitHub's error body.
type ghError struct {
	Message          string              `json:"message"`
	Errors           []map[string]string `json:"errors,omitempty"`
	DocumentationURL string              `json:"documentation_url"`
}

var notFound = reply{status: http.StatusNotFound, value: ghError{Message: "Not Found", DocumentationURL: "https://docs.github.com/rest"}}

// writeReply encodes rep, answering 304 when the client's ETag still
// matches (which, as on GitHub, costs no rate limit).
func (s *FakeServer) writeReply(w http.ResponseWriter, r *http.Request, rep reply) {
	body, err := model.MarshalUnescaped(rep.value)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	h.Set("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
	for k, v := range rep.header {
		h[k] = v
	}
	if rep.status != http.StatusOK {
		if rep.value == nil {
			body = nil
			h.Del("Content-Type")
			h.Set("Content-Length", "0")
		}
		s.replyRateHeaders(h, rep, !rep.uncounted)
		w.WriteHeader(rep.status)
		_, _ = w.Write(body)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	h.Set("ETag", etag)
	age := strconv.FormatInt(int64(s.opts.MaxAge/time.Second), 10)
	h.Set("Cache-Control", "private, max-age="+age+", s-maxage="+age)
	h.Set("Last-Modified", s.lastModified.Format(http.TimeFormat))
	if rep.link != "" {
		h.Set("Link", rep.link)
	}
	if s.notModified(r, etag) {
		s.replyRateHeaders(h, rep, false)
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.replyRateHeaders(h, rep, !rep.uncounted)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// notModified applies a conditional request's headers as GitHub does:
// If-None-Match when sent, else If-Modified-Since.
func (s *FakeServer) notModified(r *http.Request, etag string) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return etagMatches(inm, etag)
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !s.lastModified.After(since)
}

// etagMatches applies If-None-Match's weak comparison: W/ prefixes are
// ignored and "*" matches anything.
func etagMatches(ifNoneMatch, etag string) bool {
	for _, tag := range strings.Split(ifNoneMatch, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}
