package model

import (
	"slices"
	"testing"
	"time"
)

func TestGroupBotRuns(t *testing.T) {
	kv := func(id, v string, d int) Event {
		return Event{ID: id, Event: KindCommented, Actor: "kpd", CreatedAt: time.Date(2021, 3, 1+d, 0, 0, 0, 0, time.UTC),
			Body: "branch: bpf-next_test\nbase: bpf-next\nversion: " + v + "\n"}
	}
	events := []Event{
		kv("a", "1d64a92", 0),
		{Event: KindHeadRefForcePushed, Actor: "kpd"},
		kv("b", "1d64a92", 1),
		kv("c", "1d64a92", 19),
		kv("d", "9f0e1d2", 20), // a new version: an entry of its own
		kv("e", "9f0e1d2", 21),
		{ID: "f", Event: KindCommented, Actor: "alice", Body: "lgtm"}, // ends the run
		kv("g", "9f0e1d2", 22),
		{ID: "h", Event: KindCommented, Actor: "other-bot", Body: "branch: bpf-next_test\nbase: bpf-next\nversion: 9f0e1d2\n"},
	}
	groups := GroupBotRuns(events)
	var got [][]int
	for _, g := range groups {
		got = append(got, g.Events)
		if g.Kind != GroupOfBotRuns {
			t.Errorf("kind %v", g.Kind)
		}
	}
	if want := [][]int{{0, 2, 3}, {4, 5}, {7}, {8}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	if g := groups[0]; g.Subject != "1d64a92" || g.ID != "runs:a" || g.Span() != "Mar 1 – Mar 20 2021" {
		t.Errorf("first group: %q %q %q", g.Subject, g.ID, g.Span())
	}
}

// The seed's four comments repeat its body's block: one run of four.
func TestSeedBotRuns(t *testing.T) {
	pr := loadSeedPR(t)
	groups := GroupBotRuns(pr.Timeline)
	if len(groups) != 1 || len(groups[0].Events) != 4 || groups[0].Subject != "edc21dc" {
		t.Errorf("seed bot runs: %+v", groups)
	}
}
