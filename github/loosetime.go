package github

import (
	"encoding/json"
	"time"
)

// looseTime is a time field that may not parse: GitHub writes RFC 3339,
// but an integration's field ("2018-04-25 20:42:10", a check run's
// started_at) can be anything. Such a time is unknown for that one
// object, not an error that costs the whole answer (go-github's
// Timestamp fails the page).
type looseTime struct{ t *time.Time }

func (l *looseTime) UnmarshalJSON(b []byte) error {
	l.t = nil
	var s string
	if json.Unmarshal(b, &s) != nil || s == "" {
		return nil // null, a number, anything else: unknown
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		l.t = &t
	}
	return nil
}

// ptr is the time, nil when unknown.
func (l looseTime) ptr() *time.Time { return l.t }

// value is the time, zero when unknown.
func (l looseTime) value() time.Time {
	if l.t == nil {
		return time.Time{}
	}
	return *l.t
}
