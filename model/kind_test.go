package model

import (
	"strings"
	"testing"
)

// The rules the table replaced, as the switches in decode, dump, the
// detail pane and the filter wrote them before there was a table.
// Changed since on purpose (issue 14): grouped code comments and a review
// dismissal show their text, and a dismissal is about a review.
func oldIsComment(k string) bool {
	return k == "commented" || k == "reviewed" || strings.HasSuffix(k, "-commented") || k == "review_dismissed"
}
func oldHasBody(k string) bool {
	return k == "commented" || k == "reviewed" || k == "line-commented" || k == "commit-commented" || k == "review_dismissed"
}
func oldHasCommit(k string) bool  { return k == "referenced" || k == "committed" }
func oldReferences(k string) bool { return k == "referenced" }
func oldNoun(k string) string {
	switch k {
	case "commented":
		return "comment"
	case "reviewed":
		return "review"
	}
	return k
}
func oldShape(k string) Shape {
	switch k {
	case "commented":
		return ShapeComment
	case "reviewed":
		return ShapeReview
	case "committed":
		return ShapeCommit
	case "line-commented", "commit-commented":
		return ShapeCommentGroup
	}
	return ShapeEvent
}

// TestKindTableMatchesTheOldSwitches: every row, and unknown kinds, answer
// as the string switches did, so the table changed no behaviour.
func TestKindTableMatchesTheOldSwitches(t *testing.T) {
	all := append(Kinds(), "some_future_event", "future-commented", "", "commented\x1b")
	for _, k := range all {
		s := string(k)
		c := k.Class()
		if got := c == ClassComment || c == ClassReview; got != oldIsComment(s) {
			t.Errorf("%q: comment filter %v, was %v", s, got, oldIsComment(s))
		}
		if k.HasBody() != oldHasBody(s) || k.HasCommit() != oldHasCommit(s) || k.References() != oldReferences(s) {
			t.Errorf("%q: body %v commit %v references %v, was %v %v %v", s,
				k.HasBody(), k.HasCommit(), k.References(), oldHasBody(s), oldHasCommit(s), oldReferences(s))
		}
		if k.Noun() != oldNoun(s) || k.Shape() != oldShape(s) {
			t.Errorf("%q: noun %q shape %d, was %q %d", s, k.Noun(), k.Shape(), oldNoun(s), oldShape(s))
		}
	}
}

// TestKindRows: each row says something, and a known name is clean as it
// is (Sanitized and SanitizeEvent skip cleaning known kinds).
func TestKindRows(t *testing.T) {
	for _, k := range Kinds() {
		if !k.Known() {
			t.Errorf("%q listed but not known", k)
		}
		if got := EventSummary(Event{Event: k}); got == "" || strings.HasPrefix(got, "event: ") {
			t.Errorf("%q: summary %q", k, got)
		}
		if displayLine(string(k)) != string(k) {
			t.Errorf("%q is not clean as it is", k)
		}
		if k.Shape() == ShapeReview && k.Class() != ClassReview {
			t.Errorf("%q: review shape, class %s", k, k.Class())
		}
	}
	for _, k := range []EventKind{"some_future_event", "x\x1b[2Jy"} {
		if k.Known() {
			t.Errorf("%q known", k)
		}
		if got, want := EventSummary(Event{Event: k}), "event: "+SanitizeLine(string(k)); got != want {
			t.Errorf("unknown %q: summary %q, want %q", k, got, want)
		}
		if got := k.Sanitized(); string(got) != SanitizeLine(string(k)) {
			t.Errorf("unknown %q sanitized to %q", k, got)
		}
	}
}
