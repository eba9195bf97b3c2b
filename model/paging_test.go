package model

import (
	"strings"
	"testing"
	"time"
)

func TestPagerStopsOnWhatThePagesSay(t *testing.T) {
	keys := func(ks ...string) []string { return ks }
	for _, tt := range []struct {
		name  string
		pages [][]string // page i+1's keys
		next  func(page int) int
		stop  int    // the page paging stops after; 0 for none
		want  string // in the stop's message
	}{
		{"ends", [][]string{keys("a", "b"), keys("c")}, func(p int) int { return (p + 1) % 3 }, 0, ""},
		{"short pages are normal", [][]string{keys("a"), keys("b"), keys("c")}, func(p int) int { return (p + 1) % 4 }, 0, ""},
		{"loop", [][]string{keys("a")}, func(p int) int { return p }, 1, "names page 1 as next"},
		{"same items again", [][]string{keys("a", "b"), keys("b", "a")}, func(p int) int { return p + 1 }, 2, "repeats items"},
		{"some items again is normal", [][]string{keys("a", "b"), keys("b", "c")}, func(p int) int { return (p + 1) % 3 }, 0, ""},
		{"empty page naming a next", [][]string{keys("a"), keys()}, func(p int) int { return p + 1 }, 2, "page 2 is empty"},
		{"the cap", [][]string{keys("a"), keys("b"), keys("c")}, func(p int) int { return p + 1 }, 3, "did not end within 3 pages"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPager(3)
			stopped := 0
			var got PageStop
			for i, ks := range tt.pages {
				if got = p.Add(i+1, ks, tt.next(i+1)); got.Stopped() {
					stopped = i + 1
					break
				}
			}
			if stopped != tt.stop || !strings.Contains(got.Message, tt.want) {
				t.Errorf("stopped after page %d (%q), want %d (%q)", stopped, got.Message, tt.stop, tt.want)
			}
		})
	}
}

// Events GitHub gives no id are told apart by what they are, not by the
// page they came on: the same event under another page number is seen.
func TestEventKeyIgnoresPosition(t *testing.T) {
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	a := Event{ID: PositionalEventID("labeled", 1, 0), Event: "labeled", Actor: "x", CreatedAt: at, Label: &Label{Name: "bug"}}
	b := a
	b.ID = PositionalEventID("labeled", 7, 3)
	if EventKey(a) != EventKey(b) {
		t.Error("the same event on another page has another key")
	}
	b.Label = &Label{Name: "feature"}
	if EventKey(a) == EventKey(b) {
		t.Error("different events share a key")
	}
	if k := EventKey(Event{ID: "IC_kwDO"}); k != "IC_kwDO" {
		t.Errorf("an event with a node id keys as %q", k)
	}
}
