package fake

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"time"

	"github.com/prscope/prscope/model"
)

// BodyFault is a body no real GitHub sends, for the client's limits: one
// that never ends, a gzip bomb, a field hundreds of megabytes long. The
// bytes are made as they are written, never held whole, so a test can
// serve gigabytes without the server's own memory growing.
type BodyFault struct {
	// Endless: 200 with a JSON list that never ends (chunked), until the
	// client goes away or the server closes.
	Endless bool
	// Every, with Endless, sends one small chunk each Every (a trickle that
	// keeps the connection alive); as fast as the client reads when 0.
	Every time.Duration
	// Inflate makes the first title, body or message of the normal answer
	// this many bytes longer ('A's): valid JSON, just huge.
	Inflate int64
	// Gzip sends the body gzip-encoded, whatever the request asked for;
	// with Inflate it is a bomb: about a thousandth of the bytes on the wire.
	Gzip bool
}

// FaultRedirect answers with status (301, 302, 307, 308) and Location to.
func FaultRedirect(status int, to string) *Fault {
	return &Fault{Status: status, Message: "Moved", Header: http.Header{"Location": {to}}}
}

// writeHostile answers r as f.Body says.
func (s *FakeServer) writeHostile(w http.ResponseWriter, r *http.Request, f *Fault) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	s.rateHeaders(h, true)
	applyHeader(h, f.Header)
	var out io.Writer = w
	if f.Body.Gzip {
		h.Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		defer zw.Close()
		out = zw
	}
	ctx := s.closingContext(r.Context())
	if f.Body.Endless {
		w.WriteHeader(http.StatusOK)
		writeEndless(ctx, out, w, f.Body.Every)
		return
	}
	rep := s.routeReply(r)
	body, err := model.MarshalUnescaped(rep.value)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(rep.status)
	body, at := inflatePoint(body)
	if _, err := out.Write(body[:at]); err != nil {
		return
	}
	if writeRepeated(ctx, out, 'A', f.Body.Inflate) {
		_, _ = out.Write(body[at:])
	}
}

// closingContext ends when ctx does or the server closes.
func (s *FakeServer) closingContext(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		defer cancel()
		select {
		case <-ctx.Done():
		case <-s.closing:
		}
	}()
	return ctx
}

// inflatePoint is where in body the first title, body or message string's
// text begins. A body with none (an empty list) becomes one that has.
func inflatePoint(body []byte) ([]byte, int) {
	best := -1
	for _, field := range []string{`"title":"`, `"body":"`, `"message":"`} {
		if i := bytes.Index(body, []byte(field)); i >= 0 && (best < 0 || i+len(field) < best) {
			best = i + len(field)
		}
	}
	if best >= 0 {
		return body, best
	}
	if bytes.HasPrefix(body, []byte("[")) {
		body = []byte(`[{"body":""}]`)
	} else {
		body = []byte(`{"message":""}`)
	}
	return body, bytes.LastIndexByte(body, '"')
}

// chunk is what the hostile writers repeat.
const chunk = 32 << 10

// writeRepeated writes n copies of b to w, a chunk at a time; false when
// the client went away first.
func writeRepeated(ctx context.Context, w io.Writer, b byte, n int64) bool {
	buf := bytes.Repeat([]byte{b}, chunk)
	for n > 0 && ctx.Err() == nil {
		part := buf[:min(n, chunk)]
		if _, err := w.Write(part); err != nil {
			return false
		}
		n -= int64(len(part))
	}
	return ctx.Err() == nil
}

// writeEndless writes a JSON list's items forever: flushed at once, one
// chunk each every when every > 0.
func writeEndless(ctx context.Context, out io.Writer, w http.ResponseWriter, every time.Duration) {
	if _, err := io.WriteString(out, "["); err != nil {
		return
	}
	item := []byte(`{"number":1,"title":"endless","state":"open"},`)
	buf := bytes.Repeat(item, chunk/len(item))
	flush := http.NewResponseController(w).Flush
	for ctx.Err() == nil {
		part := buf
		if every > 0 {
			part = item
			select {
			case <-time.After(every):
			case <-ctx.Done():
				return
			}
		}
		if _, err := out.Write(part); err != nil {
			return
		}
		if f, ok := out.(interface{ Flush() error }); ok {
			_ = f.Flush()
		}
		_ = flush()
	}
}
