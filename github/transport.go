package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/prscope/prscope/github/httpcache"
)

// The transport under the client, top to bottom:
//
//	http.Client (redirects: checkRedirect)
//	→ authTransport (the token, for the API's own origin only)
//	→ Cache → RateGuard
//	→ limitTransport (every body bounded, after decompression)
//	→ the network
//
// The token is added here rather than by go-github's WithAuthToken: that
// one adds it in a RoundTripper too, but to every request, so a redirect to
// another host (a job log's 302 to a storage domain, or a hostile answer)
// carried the token there, over plain http as well. Go's rule that drops
// credentials on a cross-host redirect never applied, because the header is
// set below the redirect logic. Adding it above the cache keeps it in the
// cache's key (entries are per token).

// authTransport sends the token only to the API's own origin: the same
// scheme, host and port as the base URL.
type authTransport struct {
	origin string // of the API base, see originOf
	header string // "Bearer " + token
	next   http.RoundTripper
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	want := "" // never a credential off the API's origin
	if originOf(req.URL) == t.origin {
		want = t.header
	}
	if req.Header.Get("Authorization") == want {
		return t.next.RoundTrip(req)
	}
	// RoundTrippers must not change the caller's request: send a copy.
	out := req.Clone(req.Context())
	if want == "" {
		out.Header.Del("Authorization")
	} else {
		out.Header.Set("Authorization", want)
	}
	return t.next.RoundTrip(out)
}

// originOf is u's scheme, host and port, with the scheme's default port
// written out, so https://api.github.com and https://api.github.com:443 are
// one origin.
func originOf(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// maxRedirects is how many redirects one request follows, as net/http's
// default policy.
const maxRedirects = 10

// errRedirectDowngrade is a redirect from https to plain http: never
// followed, whatever the host, since the request would then travel in clear.
var errRedirectDowngrade = errors.New("redirect from https to plain http refused")

// checkRedirect is the client's redirect policy: GitHub's redirects are
// followed (a renamed repository's 301 on the API host, a job log's 302 to
// its storage host; authTransport decides about the token on each hop), but
// never from https down to http, and at most maxRedirects of them.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	if prev := via[len(via)-1]; strings.EqualFold(prev.URL.Scheme, "https") && !strings.EqualFold(req.URL.Scheme, "https") {
		return errRedirectDowngrade
	}
	return nil
}

// BodyLimits bound how much of a response body is read, counted after
// decompression (Go's transport asks for gzip by itself and inflates it
// transparently, so a small answer can stand for gigabytes).
type BodyLimits struct {
	Page   int64 // a page of JSON (a list, a pull request, a timeline page)
	Commit int64 // one commit (its message can be long, never this long)
	Error  int64 // an error answer: only its message is wanted; cut there, silently
}

// DefaultBodyLimits are generous for GitHub: a page of 100 timeline events
// or PRs with the longest bodies GitHub allows (65,536 characters each) is
// about 26 MB, a commit a few kilobytes. Commit messages are fetched
// several at once, so theirs is the smaller.
var DefaultBodyLimits = BodyLimits{Page: 64 << 20, Commit: 4 << 20, Error: 1 << 20}

// orDefault fills l's zero fields from DefaultBodyLimits.
func (l BodyLimits) orDefault() BodyLimits {
	d := DefaultBodyLimits
	if l.Page > 0 {
		d.Page = l.Page
	}
	if l.Commit > 0 {
		d.Commit = l.Commit
	}
	if l.Error > 0 {
		d.Error = l.Error
	}
	return d
}

type bodyKindKey struct{}

// bodyKind names which of BodyLimits a request's answer gets.
type bodyKind int

const (
	bodyPage bodyKind = iota
	bodyCommit
)

// withBodyKind marks ctx's requests as fetching kind (bodyPage when unset).
func withBodyKind(ctx context.Context, kind bodyKind) context.Context {
	return context.WithValue(ctx, bodyKindKey{}, kind)
}

// limitTransport bounds every response body it passes up.
type limitTransport struct {
	limits BodyLimits
	next   http.RoundTripper
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 {
		// Only the message is wanted: read that much and no more.
		resp.Body = &limitedBody{body: resp.Body, left: t.limits.Error}
		return resp, nil
	}
	limit := t.limits.Page
	if kind, _ := req.Context().Value(bodyKindKey{}).(bodyKind); kind == bodyCommit {
		limit = t.limits.Commit
	}
	if resp.ContentLength > limit {
		resp.Body.Close()
		return nil, &httpcache.BodyTooLargeError{Limit: limit}
	}
	resp.Body = &limitedBody{body: resp.Body, left: limit, fail: &httpcache.BodyTooLargeError{Limit: limit}}
	return resp, nil
}

// limitedBody reads at most left bytes of body. After them it fails with
// fail if more would follow, or, with fail nil, ends as if the body did.
type limitedBody struct {
	body io.ReadCloser
	left int64
	fail error
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		if b.fail == nil {
			return 0, io.EOF
		}
		// At the limit: the body is too large only if anything follows.
		var probe [1]byte
		n, err := b.body.Read(probe[:])
		if n > 0 {
			return 0, b.fail
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.body.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.body.Close() }
