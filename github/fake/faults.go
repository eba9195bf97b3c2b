package fake

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// Fault is how one response goes wrong. The zero Fault is a normal answer.
//
// When several fields are set, the first that applies wins: Hang, then
// Status, then Malformed; Truncate, LinkLoop, ForeignNext, RepeatItems,
// EmptyNext and PerPage change the
// normal answer and combine with one another. Header applies to every
// answer that is sent.
type Fault struct {
	Status    int         // answer with this status and GitHub's JSON error body {"message": Message, "documentation_url": ...}
	Message   string      // GitHub's message for Status (defaults to http.StatusText)
	Header    http.Header // extra headers, e.g. Retry-After, X-GitHub-SSO, X-RateLimit-Remaining: 0; a key with no values removes that header
	Hang      bool        // never answer: block until the request's context ends or the server closes, then drop the connection
	Malformed bool        // 200 with a body that is not valid JSON
	Truncate  bool        // the normal answer with its body cut off mid-way (the full Content-Length declared, half sent, the connection closed)
	LinkLoop  string      // LinkLoopSame: Link rel="next" points at the same page forever; LinkLoopIncreasing: next is always page+1 (even past the data) — both on list endpoints
	// ForeignNext makes a list's Link rel="next" point at another host
	// (ForeignNextURL) instead of this server; pagination otherwise goes
	// on as usual.
	ForeignNext bool
	// Body, when set, is a hostile body instead of the normal one (after
	// Hang and Status; see BodyFault).
	Body *BodyFault
	// RepeatItems answers every page number of a list with page 1's items,
	// and names page+1 as next forever: the same page served again under
	// a new number.
	RepeatItems bool
	// EmptyNext answers a list (a JSON array) with no items, yet a Link
	// naming page+1 as next forever.
	EmptyNext bool
	// PerPage, when > 0, caps per_page as GitHub does for some endpoints:
	// pages come shorter than asked, and Link counts pages of PerPage.
	PerPage int

	html    string              // sent as a text/html body instead of GitHub's JSON error (GitHub's edge answers so)
	details []map[string]string // the error body's "errors", as GitHub gives for 422
}

// The values of Fault.LinkLoop.
const (
	LinkLoopSame       = "same"
	LinkLoopIncreasing = "increasing"
)

// ForeignNextURL is where Fault.ForeignNext points the next page: the same
// path and query on a host that does not exist.
const ForeignNextURL = "http://evil.example.invalid/"

// Documentation links GitHub puts in error bodies. go-github recognises a
// 403 secondary rate limit by the suffix of its link.
const (
	docREST        = "https://docs.github.com/rest"
	docPrimaryRate = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits"
	docSecondary   = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
	docSAML        = "https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/"
	supportSuffix  = " If you reach out to GitHub Support for help, please include the request ID 0F8C:1A2B:3C4D5E:6F7A8B:65F0A1B2 and timestamp 2024-03-12 10:00:00 UTC."
)

// SetFaults installs fn: for each request it returns the Fault to apply, or
// nil for a normal answer. nil fn clears. Safe to call while serving; fn
// may be called from many goroutines at once, and may call the server's
// other methods.
func (s *FakeServer) SetFaults(fn func(r *http.Request) *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = fn
}

// FaultPath matches requests whose URL path contains part (helper for
// SetFaults).
func FaultPath(part string, f *Fault) func(*http.Request) *Fault {
	return func(r *http.Request) *Fault {
		if strings.Contains(r.URL.Path, part) {
			return f
		}
		return nil
	}
}

// FaultBadToken is GitHub's answer to a token it does not accept.
func FaultBadToken() *Fault {
	return &Fault{Status: http.StatusUnauthorized, Message: "Bad credentials"}
}

// FaultNoAccess is a token without access to the resource.
func FaultNoAccess() *Fault {
	return &Fault{Status: http.StatusForbidden, Message: "Resource not accessible by personal access token"}
}

// FaultSAMLURL is the authorization URL FaultSAML sends in X-GitHub-SSO.
const FaultSAMLURL = "https://github.com/orgs/acme/sso?authorization_request=A4TYZVQ3L6GKDQ7XWRJ5Y2ZKNNBEZJVHL5TXG"

// FaultSAML is an organization enforcing SAML single sign-on for a token
// not yet authorized for it.
func FaultSAML() *Fault {
	return &Fault{
		Status:  http.StatusForbidden,
		Message: "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
		Header:  http.Header{"X-Github-Sso": {"required; url=" + FaultSAMLURL}},
	}
}

// FaultNotFound is GitHub's 404, which it also gives for private
// repositories the token cannot see.
func FaultNotFound() *Fault {
	return &Fault{Status: http.StatusNotFound, Message: "Not Found"}
}

// FaultGone is GitHub's 410 for a repository whose issues are turned off
// (the timeline and comments live under /issues/).
func FaultGone() *Fault {
	return &Fault{Status: http.StatusGone, Message: "Issues are disabled for this repo"}
}

// FaultUnprocessable is GitHub's 422 for a parameter it rejects.
func FaultUnprocessable() *Fault {
	return &Fault{Status: http.StatusUnprocessableEntity, Message: "Validation Failed",
		details: []map[string]string{{"resource": "Issue", "field": "state", "code": "invalid"}}}
}

// FaultRateLimited is the primary rate limit used up until reset: a 403
// with X-RateLimit-Remaining: 0.
func FaultRateLimited(reset time.Time) *Fault {
	return &Fault{
		Status:  http.StatusForbidden,
		Message: "API rate limit exceeded for user ID 583231." + supportSuffix,
		Header: http.Header{
			"X-Ratelimit-Remaining": {"0"},
			"X-Ratelimit-Reset":     {strconv.FormatInt(reset.Unix(), 10)},
		},
	}
}

const secondaryMessage = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." + supportSuffix

// FaultSecondary429 is a secondary rate limit as a 429 with Retry-After
// (whole seconds, rounded up).
func FaultSecondary429(retryAfter time.Duration) *Fault {
	return &Fault{Status: http.StatusTooManyRequests, Message: secondaryMessage,
		Header: http.Header{"Retry-After": {retryAfterSeconds(retryAfter)}}}
}

// FaultSecondary403 is a secondary rate limit as GitHub more often sends
// it: a 403 with Retry-After.
func FaultSecondary403(retryAfter time.Duration) *Fault {
	return &Fault{Status: http.StatusForbidden, Message: secondaryMessage,
		Header: http.Header{"Retry-After": {retryAfterSeconds(retryAfter)}}}
}

func retryAfterSeconds(d time.Duration) string {
	return strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)
}

// rateHeaderNames are the rate-limit headers GitHub's application sets;
// its edge's own error pages lack them.
var rateHeaderNames = []string{"X-Ratelimit-Limit", "X-Ratelimit-Remaining", "X-Ratelimit-Used", "X-Ratelimit-Reset", "X-Ratelimit-Resource"}

// FaultServerError is a server-side failure:
//   - 500: JSON {"message":"Server Error"}, with rate-limit headers;
//   - 502: an HTML page from GitHub's edge (text/html, no JSON message and
//     no rate-limit headers), as a proxy in front of the API sends it;
//   - 503: JSON {"message":"Service Unavailable"}, with rate-limit headers;
//   - any other status: JSON with http.StatusText as the message.
func FaultServerError(status int) *Fault {
	switch status {
	case http.StatusInternalServerError:
		return &Fault{Status: status, Message: "Server Error"}
	case http.StatusBadGateway:
		f := &Fault{Status: status, Header: http.Header{}, html: "<html><head><title>502 Bad Gateway</title></head><body>" +
			"<h1>502 Bad Gateway</h1><p>We couldn't respond to your request in time. Sorry about that. " +
			"Please try resubmitting your request and contact us if the problem persists.</p></body></html>\n"}
		for _, name := range rateHeaderNames {
			f.Header[name] = nil
		}
		return f
	default:
		return &Fault{Status: status, Message: http.StatusText(status)}
	}
}

// malformedBody looks like JSON but is not: a comma is missing.
const malformedBody = `[{"number": 1, "title": "half-written" "state": "open"}]`

func (f *Fault) isZero() bool {
	return f.Status == 0 && f.Message == "" && len(f.Header) == 0 && !f.Hang && !f.Malformed && !f.Truncate &&
		f.LinkLoop == "" && !f.ForeignNext && !f.RepeatItems && !f.EmptyNext && f.PerPage == 0 && f.Body == nil &&
		f.html == "" && f.details == nil
}

// faultFor asks the installed fault function about r; nil means a normal
// answer. fn runs outside s.mu, so it may use the server.
func (s *FakeServer) faultFor(r *http.Request) *Fault {
	s.mu.Lock()
	fn := s.faults
	s.mu.Unlock()
	if fn == nil {
		return nil
	}
	if f := fn(r); f != nil && !f.isZero() {
		return f
	}
	return nil
}

// serveFault answers r as f says.
func (s *FakeServer) serveFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	switch {
	case f.Hang:
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		dropConnection(w) // no answer at all, not even an empty one
	case f.Status != 0:
		s.writeFaultStatus(w, r, f)
	case f.Body != nil:
		s.writeHostile(w, r, f)
	case f.Malformed:
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("X-GitHub-Media-Type", "github.v3; format=json")
		s.rateHeaders(h, true)
		applyHeader(h, f.Header)
		h.Set("Content-Length", strconv.Itoa(len(malformedBody)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write([]byte(malformedBody))
		}
	default:
		rep := s.routeReply(pagedAs(r, f))
		if _, list := rep.value.([]any); list && f.EmptyNext && rep.status == http.StatusOK {
			rep.value = []any{}
		}
		rep.link = s.faultLink(r, rep, f)
		s.writeReply(&faultWriter{ResponseWriter: w, extra: f.Header, truncate: f.Truncate}, r, rep)
	}
}

// writeFaultStatus sends GitHub's error body for f.Status, with the rate
// headers of any answer (the request is counted) under f.Header.
func (s *FakeServer) writeFaultStatus(w http.ResponseWriter, r *http.Request, f *Fault) {
	h := w.Header()
	var body []byte
	if f.html != "" {
		h.Set("Content-Type", "text/html; charset=utf-8")
		body = []byte(f.html)
	} else {
		msg := f.Message
		if msg == "" {
			msg = http.StatusText(f.Status)
		}
		var err error
		body, err = model.MarshalUnescaped(ghError{Message: msg, Errors: f.details, DocumentationURL: docURLFor(msg)})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	}
	s.rateHeaders(h, true)
	applyHeader(h, f.Header)
	if h.Get("X-RateLimit-Remaining") == "0" && h.Get("X-RateLimit-Limit") != "" {
		h.Set("X-RateLimit-Used", h.Get("X-RateLimit-Limit"))
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(f.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// docURLFor picks the documentation_url GitHub gives with msg.
func docURLFor(msg string) string {
	switch {
	case strings.Contains(msg, "secondary rate limit"):
		return docSecondary
	case strings.Contains(msg, "rate limit exceeded"):
		return docPrimaryRate
	case strings.Contains(msg, "SAML"):
		return docSAML
	}
	return docREST
}

// applyHeader sets each of extra's headers on h, replacing what was there;
// a key without values removes the header.
func applyHeader(h, extra http.Header) {
	for k, vs := range extra {
		k = http.CanonicalHeaderKey(k)
		if len(vs) == 0 {
			h.Del(k)
			continue
		}
		h[k] = slices.Clone(vs)
	}
}

// faultLink is rep's Link header as f bends it. Only successful list
// answers (JSON arrays, or objects marked paged) are paginated; anything
// else keeps its header.
func (s *FakeServer) faultLink(r *http.Request, rep reply, f *Fault) string {
	if _, list := rep.value.([]any); !(list || rep.paged) || rep.status != http.StatusOK ||
		(f.LinkLoop == "" && !f.ForeignNext && !f.RepeatItems && !f.EmptyNext) {
		return rep.link
	}
	rels := map[string]string{}
	for _, part := range strings.Split(rep.link, ", ") {
		target, rel, ok := strings.Cut(part, ">; rel=")
		if ok {
			rels[strings.Trim(rel, `"`)] = strings.TrimPrefix(target, "<")
		}
	}
	page := parsePaging(r.URL.Query()).page
	switch f.LinkLoop {
	case LinkLoopSame:
		rels["next"] = s.pageURL(r, page)
		delete(rels, "last")
	case LinkLoopIncreasing:
		rels["next"] = s.pageURL(r, page+1)
		delete(rels, "last")
	}
	if f.RepeatItems || f.EmptyNext {
		rels["next"] = s.pageURL(r, page+1)
		delete(rels, "last")
	}
	if next, ok := rels["next"]; ok && f.ForeignNext {
		rels["next"] = ForeignNextURL + strings.TrimPrefix(next, s.URL)
	}
	var links []string
	for _, rel := range []string{"prev", "next", "last", "first"} {
		if u, ok := rels[rel]; ok {
			links = append(links, "<"+u+`>; rel="`+rel+`"`)
		}
	}
	return strings.Join(links, ", ")
}

// pagedAs is r as f's RepeatItems and PerPage have the route see it: page 1
// whatever page was asked, per_page at most f.PerPage.
func pagedAs(r *http.Request, f *Fault) *http.Request {
	if !f.RepeatItems && f.PerPage <= 0 {
		return r
	}
	q := r.URL.Query()
	if f.RepeatItems {
		q.Set("page", "1")
	}
	if f.PerPage > 0 && parsePaging(q).perPage > f.PerPage {
		q.Set("per_page", strconv.Itoa(f.PerPage))
	}
	out := r.Clone(r.Context())
	out.URL.RawQuery = q.Encode()
	return out
}

// pageURL is r's URL on this server with page set, as linkHeader builds them.
func (s *FakeServer) pageURL(r *http.Request, page int) string {
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(page))
	return s.URL + strings.TrimPrefix(r.URL.Path, "/") + "?" + q.Encode()
}

// faultWriter applies a Fault to a normal answer as writeReply sends it:
// extra headers go on just before the status line, and with truncate the
// body is cut in half and the connection dropped.
type faultWriter struct {
	http.ResponseWriter
	extra       http.Header
	truncate    bool
	wroteHeader bool
	cut         bool
}

var errCutOff = errors.New("fake GitHub server: body cut off on purpose")

// Unwrap lets http.ResponseController reach the connection.
func (fw *faultWriter) Unwrap() http.ResponseWriter { return fw.ResponseWriter }

func (fw *faultWriter) WriteHeader(code int) {
	if !fw.wroteHeader {
		fw.wroteHeader = true
		applyHeader(fw.Header(), fw.extra)
	}
	fw.ResponseWriter.WriteHeader(code)
}

func (fw *faultWriter) Write(p []byte) (int, error) {
	if !fw.wroteHeader {
		fw.WriteHeader(http.StatusOK)
	}
	if !fw.truncate {
		return fw.ResponseWriter.Write(p)
	}
	if fw.cut {
		return 0, errCutOff
	}
	fw.cut = true
	n, _ := fw.ResponseWriter.Write(p[:len(p)/2])
	_ = http.NewResponseController(fw.ResponseWriter).Flush()
	dropConnection(fw.ResponseWriter)
	return n, errCutOff
}

// dropConnection closes w's connection at once, after whatever was already
// flushed, so the client sees the answer end there. Where the connection
// cannot be taken over (HTTP/2, a recorder), it aborts the handler the way
// net/http provides, which resets the stream or closes the connection.
func dropConnection(w http.ResponseWriter) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	switch {
	case err == nil:
		if buf != nil {
			_ = buf.Flush()
		}
		_ = conn.Close()
	case errors.Is(err, http.ErrNotSupported):
		panic(http.ErrAbortHandler)
	}
}
