package github

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prscope/prscope/model"
)

// The log download's own client. It shares only the network transport
// with the API client: no token (authTransport is not in it, and
// noAuthTransport strips any Authorization on every hop, redirects
// included), no cache (a signed URL is good once), no rate guard (storage
// downloads do not count against the API's budget) and no limitTransport
// (readLog cuts the log at its own limit instead of failing on it).

// errLogInsecure is a log address over plain http to a host that is not
// this machine: the log, and the signature in its URL, would travel in
// clear. Loopback is allowed, for the fake server.
var errLogInsecure = errors.New("log download over plain http refused")

// logTimeout bounds a whole log download: a request's timeout is for an
// API answer, and a log of up to 256 MB takes minutes on a slow link.
func logTimeout(request time.Duration) time.Duration {
	return max(10*request, 5*time.Minute)
}

// newLogClient is the download client over network, timeout bounding each
// download whole, body included.
func newLogClient(network http.RoundTripper, timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, Transport: noAuthTransport{next: network}, CheckRedirect: logRedirect}
}

// noAuthTransport sends requests without an Authorization header.
type noAuthTransport struct{ next http.RoundTripper }

func (t noAuthTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if _, ok := req.Header["Authorization"]; ok {
		req = req.Clone(req.Context()) // RoundTrippers must not change the caller's request
		req.Header.Del("Authorization")
	}
	return t.next.RoundTrip(req)
}

// logRedirect is checkRedirect's policy (no https→http, at most
// maxRedirects) plus allowedLogURL on every hop.
func logRedirect(req *http.Request, via []*http.Request) error {
	if err := checkRedirect(req, via); err != nil {
		return err
	}
	req.Header.Del("Authorization")
	return allowedLogURL(req.URL)
}

// allowedLogURL refuses plain http except to a loopback host.
func allowedLogURL(u *url.URL) error {
	if strings.EqualFold(u.Scheme, "https") {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return errLogInsecure
}

// logLineBuffer is the longest line readLog passes on whole: far beyond
// what the LogReader keeps of a line (model.MaxLineBytes), so cutting
// here loses nothing, yet a line without end costs no more than this.
const logLineBuffer = 64 << 10

// readLog feeds body to a model.LogReader line by line, reading at most
// maxBytes. Longer lines are cut, never an error. When the log goes on
// past maxBytes the summary says Truncated, and the last, cut-off line is
// left out: half a line could read as something it is not (a Summary
// line's numbers cut short).
func readLog(body io.Reader, maxBytes int64) (model.LogSummary, error) {
	limited := &io.LimitedReader{R: body, N: maxBytes}
	br := bufio.NewReaderSize(limited, logLineBuffer)
	lr := model.NewLogReader()
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			lr.Line(string(line)) // the line's start; the rest is skipped
			if err = skipLine(br); err == nil {
				continue
			}
			line = nil // already passed on
		}
		switch {
		case err == nil:
			lr.Line(string(bytes.TrimRight(line, "\r\n")))
			continue
		case !errors.Is(err, io.EOF):
			return model.LogSummary{}, err
		}
		truncated, perr := moreAfter(body, limited)
		if perr != nil {
			return model.LogSummary{}, perr
		}
		if len(line) > 0 && !truncated {
			lr.Line(string(bytes.TrimRight(line, "\r\n")))
		}
		sum := lr.Summary()
		sum.Truncated = truncated
		return sum, nil
	}
}

// skipLine discards the rest of a line longer than br's buffer.
func skipLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

// moreAfter reports, once limited is used up, whether body goes on.
func moreAfter(body io.Reader, limited *io.LimitedReader) (bool, error) {
	if limited.N > 0 {
		return false, nil // the body ended first
	}
	var probe [1]byte
	for {
		n, err := body.Read(probe[:])
		if n > 0 {
			return true, nil
		}
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
}
