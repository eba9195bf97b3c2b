package model

import (
	"strconv"
	"time"
)

const (
	day   = 24 * time.Hour
	month = 30 * day  // near enough for "how long ago", and keeps buckets even
	year  = 365 * day // likewise; leap days do not matter at this precision
)

// Age is how long before now t was, compactly for list rows, always rounded
// down to the largest unit that fits:
//
//	under 5s (or in the future: clock skew)  "now"
//	under a minute                           "45s"
//	under an hour                            "12m"
//	under a day                              "3h"
//	under 30 days                            "5d"
//	under 365 days                           "7mo"  (30-day months, 1–12)
//	otherwise                                "2y"   (365-day years)
//
// The zero time, which stands for "unknown", is "-".
func Age(now, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	switch {
	case d < 5*time.Second:
		return "now"
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < day:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d < month:
		return strconv.Itoa(int(d/day)) + "d"
	case d < year:
		return strconv.Itoa(int(d/month)) + "mo"
	}
	return strconv.Itoa(int(d/year)) + "y"
}

// FormatTime is t in UTC to the minute, e.g. "2023-08-03 14:05", the same
// for every user so that times can be compared with GitHub's and shared.
// The zero time is "-".
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// Ago says how long ago t was, for prose: "just now", "3h ago".
func Ago(now, t time.Time) string {
	if a := Age(now, t); a != "now" {
		return a + " ago"
	}
	return "just now"
}
