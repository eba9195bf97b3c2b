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

// checkNoControls walks v and fails on any string holding ESC, BEL, CR or
// a bidi override.
func checkNoControls(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); strings.ContainsAny(s, "\x1b\x07\r\u202e\u009b") {
			t.Errorf("%s = %q still holds control characters", path, s)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			checkNoControls(t, v.Elem(), path)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			checkNoControls(t, v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			checkNoControls(t, v.Index(i), path)
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
