package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const hostile = "x\x1b]52;c;Y3VybA==\x07\x1b[2J\u202e\x9b31m\r\n\ty"

func TestSanitizePullAndEventCleanEveryString(t *testing.T) {
	at := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	p := SanitizePull(PullRequest{Title: hostile, User: hostile, Head: hostile, Base: hostile, Body: hostile,
		HTMLURL: hostile, Labels: []Label{{Name: hostile, Color: hostile}}, CreatedAt: at})
	e := SanitizeEvent(Event{Event: hostile, Actor: hostile, Author: hostile, Body: hostile, HTMLURL: hostile,
		ReviewState: hostile, RequestedReviewer: hostile, Assignee: hostile, LockReason: hostile,
		Commit: &CommitRef{SHA: hostile, Repo: hostile, Message: hostile, Err: hostile},
		Label:  &Label{Name: hostile, Color: hostile}, Rename: &Rename{From: hostile, To: hostile},
		Source: &SourceRef{Repo: hostile, Title: hostile}})
	checkNoControls(t, reflect.ValueOf(p), "pull")
	checkNoControls(t, reflect.ValueOf(e), "event")
	if p.CreatedAt != at {
		t.Errorf("non-string fields changed")
	}
}

// checkNoControls fails on any string in v holding ESC, BEL, CR or a
// bidi override.
func checkNoControls(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	walkStrings(v, path, func(path, s string) {
		if strings.ContainsAny(s, "\x1b\x07\r\u202e\u009b") {
			t.Errorf("%s = %q still holds control characters", path, s)
		}
	})
}

// walkStrings calls f with every string reachable from v and its path.
func walkStrings(v reflect.Value, path string, f func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		f(path, v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walkStrings(v.Field(i), path+"."+v.Type().Field(i).Name, f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), path, f)
		}
	}
}

func TestSanitizeEventLeavesTheOriginalAlone(t *testing.T) {
	c := &CommitRef{Message: hostile}
	SanitizeEvent(Event{Commit: c})
	if c.Message != hostile {
		t.Errorf("SanitizeEvent changed the caller's commit")
	}
}

// fillStrings sets every string field reachable from v (allocating the
// pointers on the way) to s: a field added later is covered without
// anyone remembering to list it.
func fillStrings(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(s)
		}
	case reflect.Pointer:
		if v.IsNil() && v.CanSet() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		if !v.IsNil() {
			fillStrings(v.Elem(), s)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fillStrings(v.Field(i), s)
		}
	}
}

// TestDrawnTextIsCleanedTheSameEverywhere: every string of an event and of
// a review comment, as drawn, is sanitized and display-safe (no ZWJ, skin
// tone or VS16, which terminals measure differently), whichever field it
// came in by.
func TestDrawnTextIsCleanedTheSameEverywhere(t *testing.T) {
	text := hostile + " 👩\u200d👩\u200d👧 👍🏽 ❤\ufe0f"
	var e Event
	fillStrings(reflect.ValueOf(&e).Elem(), text)
	e.Event = "commented"
	// Not drawn: an identity for caches, and the API URL a request is
	// built from (vetted where it is used).
	e.ID, e.Commit.URL = "", ""
	var c ReviewComment
	fillStrings(reflect.ValueOf(&c).Elem(), text)
	for name, v := range map[string]reflect.Value{"event": reflect.ValueOf(SanitizeEvent(e)), "review comment": reflect.ValueOf(DisplayReviewComment(c))} {
		checkNoControls(t, v, name)
		checkDisplaySafe(t, v, name)
	}
}

func checkDisplaySafe(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	walkStrings(v, path, func(path, s string) {
		if s != DisplaySafe(s) {
			t.Errorf("%s = %q is not display-safe", path, s)
		}
	})
}
