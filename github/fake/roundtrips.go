package fake

import (
	"slices"
	"time"
)

// RoundTrips is the length of the critical path through reqs, in round
// trips: the longest chain of requests each of which began after the one
// before it had ended. Requests sent together count once however many they
// are; a request that had to wait for an answer counts again. It reads
// only the order of starts and ends, so with a latency well above the
// client's own work it is the same on a fast machine and a slow one, where
// a wall-clock figure would not be. A request still running counts as
// ending after every other.
func RoundTrips(reqs []RecordedRequest) int {
	return RoundTripsTo(reqs, func(RecordedRequest) bool { return true })
}

// RoundTripsTo is the longest chain of round trips that ends in a request
// of reqs that is, such as the page a frame waits for: what else was
// asked meanwhile (after an earlier answer, for something else) is not on
// that path.
func RoundTripsTo(reqs []RecordedRequest, is func(RecordedRequest) bool) int {
	rs := slices.Clone(reqs)
	slices.SortFunc(rs, func(a, b RecordedRequest) int { return a.Start.Compare(b.Start) })
	depth := make([]int, len(rs))
	longest := 0
	for i, r := range rs {
		depth[i] = 1
		for j := range i {
			if end := rs[j].End; !end.IsZero() && !end.After(r.Start) {
				depth[i] = max(depth[i], depth[j]+1)
			}
		}
		if is(r) {
			longest = max(longest, depth[i])
		}
	}
	return longest
}

// Elapsed is from the first request's start to the last one's end.
func Elapsed(reqs []RecordedRequest) time.Duration {
	if len(reqs) == 0 {
		return 0
	}
	first, last := reqs[0].Start, reqs[0].End
	for _, r := range reqs {
		if r.Start.Before(first) {
			first = r.Start
		}
		if r.End.After(last) {
			last = r.End
		}
	}
	return last.Sub(first)
}
