package httpcache

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// Transport returns a RoundTripper that answers GET requests from the cache
// when it can and sends the rest to next (the rate guard, then the
// network). Only 200 answers whose whole body arrived are stored; errors,
// malformed JSON and cut-off bodies never are.
//
// go-github never sees a 304: a revalidated entry is passed up as the 200
// it stands for. When next fails (no network, a timeout) or refuses (a
// rate limit, offline), a cached copy is served instead, marked CacheStale.
//
// The transport is offline when the cache or the client (offline) says so.
func (c *Cache) Transport(next http.RoundTripper, offline bool) http.RoundTripper {
	offline = offline || c.offline
	if offline {
		next = OfflineTransport{}
	}
	return &cacheTransport{cache: c, next: next, offline: offline}
}

type cacheTransport struct {
	cache   *Cache
	next    http.RoundTripper
	offline bool // answer from the cache only, marking everything stale
}

func (t *cacheTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.cache
	if req.Method != http.MethodGet || req.Header.Get("Range") != "" ||
		req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != "" {
		return t.next.RoundTrip(req) // not ours to answer: the caller manages it
	}
	ctx := req.Context()
	key := c.key(req)
	now := c.now()
	entry, cached := c.store.load(key)
	if cached {
		from := ""
		switch {
		case t.offline:
			from = CacheStale
		case immutablePath(req.URL.Path) || intentOf(ctx) == Settled || (entry.fresh(now) && intentOf(ctx) != Revalidate):
			from = CacheFresh
		case intentOf(ctx) == CacheFirst:
			from = CacheStale
		}
		if from != "" {
			closeRequestBody(req)
			return c.serve(req, entry, from), nil
		}
	}

	out := req
	if cached {
		out = req.Clone(ctx)
		if etag := entry.Header.Get("Etag"); etag != "" {
			out.Header.Set("If-None-Match", etag)
		}
		if lm := entry.Header.Get("Last-Modified"); lm != "" {
			out.Header.Set("If-Modified-Since", lm)
		}
	}
	resp, err := t.next.RoundTrip(out)
	if err != nil {
		// An answer too large to read is an answer, not an outage: say so
		// rather than show an older copy as if nothing had happened.
		var tooLarge *BodyTooLargeError
		if cached && !errors.Is(ctx.Err(), context.Canceled) && !errors.As(err, &tooLarge) {
			return c.serve(req, entry, CacheStale), nil
		}
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && cached:
		discard(resp)
		keepHeaders(entry.Header, resp.Header)
		entry.Stored = now
		_ = c.store.save(entry) // best effort: a full disk costs only a refetch
		return c.serve(req, entry, CacheRevalidated), nil
	case resp.StatusCode == http.StatusOK:
		return c.storeFresh(req, resp, key, now)
	case cached && unavailable(resp):
		c.stale.noteStale(entry.Stored, resp.Header, now)
		discard(resp)
		return c.serve(req, entry, CacheStale), nil
	}
	return resp, nil
}

// storeFresh reads a 200's whole body, stores it if it is sound, and
// passes it up marked CacheNetwork. A body that cannot be read whole is an
// error, and nothing is stored.
func (c *Cache) storeFresh(req *http.Request, resp *http.Response, key string, now time.Time) (*http.Response, error) {
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if !noStore(resp.Header) && soundBody(resp.Header, body) && soundPaging(req, resp.Header, body) {
		e := &cacheEntry{Key: key, Status: http.StatusOK, Header: http.Header{}, Stored: now, Body: body}
		keepHeaders(e.Header, resp.Header)
		_ = c.store.save(e)
	}
	resp.Header.Set(HeaderCache, CacheNetwork)
	resp.Header.Set(HeaderStored, now.UTC().Format(time.RFC3339))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	resp.ContentLength = int64(len(body))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// soundBody rejects what claims to be JSON but is not (a malformed answer).
func soundBody(h http.Header, body []byte) bool {
	ct := strings.ToLower(h.Get("Content-Type"))
	return !strings.Contains(ct, "json") || json.Valid(body)
}

// soundPaging rejects a page whose Link header contradicts itself: a next
// page that is not after this one, or an empty list that names a next
// page. The pager stops on such a page; were it kept, a 304 (which carries
// no Link when the listing now has one page) would serve the old Link
// again, and r could never get past it.
func soundPaging(req *http.Request, h http.Header, body []byte) bool {
	next := linkPage(h.Get("Link"), "next")
	if next == 0 {
		return true
	}
	page, err := strconv.Atoi(req.URL.Query().Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	return next > page && !emptyPage(body)
}

// emptyPage reports a page with no items: an empty JSON list, or an object
// (check runs, a combined status) whose lists are all empty.
func emptyPage(body []byte) bool {
	body = bytes.TrimSpace(body)
	if string(body) == "[]" {
		return true
	}
	var fields map[string]json.RawMessage
	if !bytes.HasPrefix(body, []byte("{")) || json.Unmarshal(body, &fields) != nil {
		return false
	}
	lists := 0
	for _, v := range fields {
		if v = bytes.TrimSpace(v); bytes.HasPrefix(v, []byte("[")) {
			if string(v) != "[]" {
				return false
			}
			lists++
		}
	}
	return lists > 0
}

// linkPage is the page number of the Link header's rel, 0 when none.
func linkPage(link, rel string) int {
	for _, part := range strings.Split(link, ",") {
		target, params, ok := strings.Cut(strings.TrimSpace(part), ";")
		if !ok || !strings.Contains(params, `rel="`+rel+`"`) {
			continue
		}
		u, err := url.Parse(strings.Trim(strings.TrimSpace(target), "<>"))
		if err != nil {
			return 0
		}
		n, _ := strconv.Atoi(u.Query().Get("page"))
		return n
	}
	return 0
}

// unavailable reports an answer that says nothing about the resource: the
// rate guard's refusals and GitHub's rate-limit answers, the offline
// answer, and a gateway or server that is down.
func unavailable(resp *http.Response) bool {
	h := resp.Header
	for _, name := range []string{HeaderRefused, HeaderRateReset, HeaderRetryAfter, HeaderOffline} {
		if h.Get(name) != "" {
			return true
		}
	}
	switch resp.StatusCode {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// serve answers req with e, marked with where it came from, and marks e used.
func (c *Cache) serve(req *http.Request, e *cacheEntry, from string) *http.Response {
	c.store.touch(e.Key)
	h := e.Header.Clone()
	h.Set(HeaderCache, from)
	h.Set(HeaderStored, e.Stored.UTC().Format(time.RFC3339))
	h.Set("Content-Length", strconv.Itoa(len(e.Body)))
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status)),
		StatusCode:    e.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(e.Body)),
		ContentLength: int64(len(e.Body)),
		Request:       req,
	}
}

// discard drains a little of resp's body, so the connection can be
// reused, and closes it.
func discard(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}

// BodyTooLargeError is a response body that passed its limit; nothing of it
// is kept (the cache stores only whole bodies).
type BodyTooLargeError struct{ Limit int64 }

func (e *BodyTooLargeError) Error() string {
	return "response larger than " + model.BinarySize(e.Limit)
}
