package common

import (
	"time"

	"github.com/prscope/prscope/model"
)

// DateStyle is how times read. Unset (the default), ages read relative (the
// list's "3d", "cached 2h ago") and timestamps absolute (the timeline);
// "relative" or "absolute" makes every time read that one way.
type DateStyle string

// The date styles a config may name.
const (
	DatesMixed    DateStyle = ""
	DatesAbsolute DateStyle = "absolute"
	DatesRelative DateStyle = "relative"
)

// Every time the UI draws goes through When, Since or Age, so the setting
// holds everywhere.

// When is a timestamp: an event's or a PR's creation, merge, close.
func (c Common) When(t time.Time) string {
	if c.Dates == DatesRelative {
		return model.Ago(c.now(), t)
	}
	return model.FormatTime(t)
}

// Since is an age in prose: "cached 2h ago".
func (c Common) Since(t time.Time) string {
	if c.Dates == DatesAbsolute {
		return model.FormatTime(t)
	}
	return model.Ago(c.now(), t)
}

// Age is the list's short time column: "3d", or the day when absolute.
func (c Common) Age(t time.Time) string {
	if c.Dates == DatesAbsolute {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format("2006-01-02")
	}
	return model.Age(c.now(), t)
}

// AgeWidth is the width of the list's time column.
func (c Common) AgeWidth() int {
	if c.Dates == DatesAbsolute {
		return len("2006-01-02")
	}
	return 4
}

func (c Common) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}
