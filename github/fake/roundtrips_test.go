package fake

import (
	"testing"
	"time"
)

// TestRoundTrips: requests sent together count once; one sent after an
// answer counts again.
func TestRoundTrips(t *testing.T) {
	t0 := time.Unix(0, 0)
	at := func(start, end int) RecordedRequest {
		return RecordedRequest{Start: t0.Add(time.Duration(start) * time.Millisecond), End: t0.Add(time.Duration(end) * time.Millisecond)}
	}
	for _, c := range []struct {
		name string
		reqs []RecordedRequest
		want int
	}{
		{"none", nil, 0},
		{"one", []RecordedRequest{at(0, 200)}, 1},
		{"six together", []RecordedRequest{at(0, 200), at(1, 201), at(2, 202), at(3, 203), at(4, 204), at(5, 205)}, 1},
		{"a chain", []RecordedRequest{at(0, 200), at(201, 400), at(401, 600)}, 3},
		{"a chain beside a long one", []RecordedRequest{at(0, 200), at(1, 700), at(201, 400), at(401, 600)}, 3},
		{"after the longest", []RecordedRequest{at(0, 200), at(1, 700), at(701, 900)}, 2},
	} {
		if got := RoundTrips(c.reqs); got != c.want {
			t.Errorf("%s: %d round trips, want %d", c.name, got, c.want)
		}
	}
}
