package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func pushedEvent(at time.Time, actor, message string) Event {
	return Event{Event: "referenced", Actor: actor, CreatedAt: at, Commit: &CommitRef{SHA: "x", Message: message}}
}

func aprilDay(d int) time.Time { return time.Date(2023, 4, d, 10, 0, 0, 0, time.UTC) }

func TestGroupPatches(t *testing.T) {
	v1 := "bpf: fix the thing\n\nLong explanation.\n\nSigned-off-by: A <a@x>"
	v1Spaces := "bpf: fix the thing  \n\nLong explanation.\t\n\nSigned-off-by: A <a@x>\n\n"
	v2 := "bpf: fix the thing\n\nBetter explanation.\n\nSigned-off-by: A <a@x>"
	other := "net: another patch\n\nBody."
	events := []Event{
		pushedEvent(aprilDay(1), "bot", v1),                         // 0
		{Event: "commented", Actor: "alice", Body: v1},              // 1: not a push
		pushedEvent(aprilDay(2), "bot", v1Spaces),                   // 2: same message
		pushedEvent(aprilDay(3), "alice", other),                    // 3
		{Event: "referenced", Actor: "bot", CreatedAt: aprilDay(4)}, // 4: no commit
		pushedEvent(aprilDay(5), "bot", ""),                         // 5: message unknown
		pushedEvent(aprilDay(6), "carol", v2),                       // 6: same subject
		{Event: "committed", Commit: &CommitRef{Message: v1}},       // 7: the PR's own commit
		pushedEvent(time.Time{}, "bot", v2),                         // 8: no time
		pushedEvent(aprilDay(9), "bot", v1),                         // 9: back to v1
	}
	groups := GroupPatches(events)
	if len(groups) != 2 {
		t.Fatalf("%d groups: %+v", len(groups), groups)
	}
	fix, net := groups[0], groups[1]
	if fix.Subject != "bpf: fix the thing" || net.Subject != "net: another patch" {
		t.Errorf("subjects %q, %q", fix.Subject, net.Subject)
	}
	if !slices.Equal(fix.Events, []int{0, 2, 6, 8, 9}) || !slices.Equal(net.Events, []int{3}) {
		t.Errorf("events %v, %v", fix.Events, net.Events)
	}
	if fix.Revisions != 2 || net.Revisions != 1 {
		t.Errorf("revisions %d, %d", fix.Revisions, net.Revisions)
	}
	if !fix.First.Equal(aprilDay(1)) || !fix.Last.Equal(aprilDay(9)) || !net.First.Equal(aprilDay(3)) || !net.Last.Equal(aprilDay(3)) {
		t.Errorf("fix %v–%v, net %v–%v", fix.First, fix.Last, net.First, net.Last)
	}
	if !slices.Equal(fix.Actors, []string{"bot", "carol"}) || !slices.Equal(net.Actors, []string{"alice"}) {
		t.Errorf("actors %q, %q", fix.Actors, net.Actors)
	}
	if fix.ID == net.ID || len(fix.ID) != 12 {
		t.Errorf("IDs %q, %q", fix.ID, net.ID)
	}

	wantRevs := map[int]int{0: 1, 2: 1, 6: 2, 8: 2, 9: 1, 3: 0, 1: 0, 99: 0, -1: 0}
	for i, want := range wantRevs {
		if got := RevisionOf(fix, events, i); got != want {
			t.Errorf("RevisionOf(fix, %d) = %d, want %d", i, got, want)
		}
		// A group without PushRevisions, as a caller might build, agrees.
		bare := fix
		bare.PushRevisions = nil
		if got := RevisionOf(bare, events, i); got != want {
			t.Errorf("RevisionOf(bare fix, %d) = %d, want %d", i, got, want)
		}
	}
	msgs := RevisionMessages(fix, events)
	if len(msgs) != 2 || msgs[0] != v1 || msgs[1] != v2 {
		t.Errorf("RevisionMessages = %q", msgs)
	}
}

func TestGroupPatchesIDIsStable(t *testing.T) {
	a := GroupPatches([]Event{pushedEvent(aprilDay(1), "x", "Subject here\n\nbody one")})
	b := GroupPatches([]Event{pushedEvent(aprilDay(5), "y", "  Subject   here  \n\nbody two\n")})
	if len(a) != 1 || len(b) != 1 || a[0].ID != b[0].ID {
		t.Fatalf("same subject, different IDs: %+v %+v", a, b)
	}
	// The ID is a function of the subject alone, pinned so dumps stay comparable.
	if a[0].ID != "ecd80fb84d14" { // sha256("Subject here"), 12 hex digits
		t.Errorf("ID %q", a[0].ID)
	}
}

func TestGroupPatchesNone(t *testing.T) {
	if g := GroupPatches(nil); g != nil {
		t.Errorf("nil events: %+v", g)
	}
	if g := GroupPatches([]Event{{Event: "commented", Body: "x"}}); g != nil {
		t.Errorf("no pushes: %+v", g)
	}
}

func TestPatchSubject(t *testing.T) {
	tests := []struct{ message, want string }{
		{"bpf: subject\n\nbody", "bpf: subject"},
		{"\n\n  bpf: subject  \nwrapped on\n\nbody", "bpf: subject wrapped on"},
		{"Kernel panic when injecting memory_failure for the global\nhuge_zero_page, as follows.\n\nx",
			"Kernel panic when injecting memory_failure for the global huge_zero_page, as follows."},
		{"Kernel panic when injecting memory_failure for the global huge_zero_page,\nas follows.\n\ny",
			"Kernel panic when injecting memory_failure for the global huge_zero_page, as follows."},
		{"Ido Schimmel says:\n\n====================\nmlxsw: Various updates\n\nPatch #1 …", "mlxsw: Various updates"},
		{"Ido Schimmel says:\n====================\nmlxsw: Various updates\n====================", "mlxsw: Various updates"},
		{"Ido Schimmel says:\n\nNo rule follows.", "Ido Schimmel says:"},
		{"Merge branch 'x'\n\nIdo Schimmel says:\n\n====\ntitle", "Merge branch 'x' · title"}, // a merge names its cover letter's title
		{"", ""},
	}
	for _, tt := range tests {
		if got := patchSubject(tt.message); got != tt.want {
			t.Errorf("patchSubject(%q) = %q, want %q", tt.message, got, tt.want)
		}
	}
}

// manyPushes is n pushes of three patches, seven revisions each, with a
// 3.5 KB message: the shape of the demo's 2,600-event KPD PR.
func manyPushes(n int) []Event {
	body := strings.Repeat("a line of the patch's description\n", 100)
	var events []Event
	for i := range n {
		subject := []string{"bpf: one", "bpf: two", "net: three"}[i%3]
		events = append(events, pushedEvent(aprilDay(1).Add(time.Duration(i)*time.Minute), "bot", subject+"\n\n"+body+string(rune('a'+i%7))))
	}
	return events
}

// Grouping stays linear: 10× the pushes allocate about 10× as much (an
// allocation measure, not a clock, so a busy machine cannot fail it;
// BenchmarkGroupPatches measures the time).
func TestGroupPatchesManyPushes(t *testing.T) {
	events := manyPushes(3000)
	groups := GroupPatches(events)
	if len(groups) != 3 || groups[0].Revisions != 7 || len(groups[0].Events) != 1000 {
		t.Errorf("groups: %d, first has %d pushes in %d revisions", len(groups), len(groups[0].Events), groups[0].Revisions)
	}
	for _, g := range groups {
		for k, i := range g.Events {
			if RevisionOf(g, events, i) != g.PushRevisions[k] {
				t.Fatalf("RevisionOf disagrees with PushRevisions at %d", i)
			}
		}
	}
	few := manyPushes(300)
	checkGrowth(t, "GroupPatches", func() { GroupPatches(few) }, func() { GroupPatches(events) })
}

func BenchmarkGroupPatches(b *testing.B) {
	events := manyPushes(3000)
	b.ReportAllocs()
	for b.Loop() {
		GroupPatches(events)
	}
}

// TestMergesOfOneBranchByDifferentPeople: six "Merge branch 'hw-stats'"
// commits, three cover letters by each of two people, are two patches;
// one person's letter edited between pushes stays one patch, in two
// revisions.
func TestMergesOfOneBranchByDifferentPeople(t *testing.T) {
	merge := func(who, title, body string) string {
		return "Merge branch 'hw-stats'\n\n" + who + " says:\n\n====================\n" + title + "\n\n" + body + "\n====================\n\nLink: https://lore.kernel.org/x\n"
	}
	var events []Event
	for i, msg := range []string{
		merge("Priya Novák", "hw-stats: counters for the NIC", "v1 body"),
		merge("Sven Nakamura", "hw-stats: counters for the NIC", "other body"),
		merge("Priya Novák", "hw-stats: counters for the NIC", "v2 body, edited"),
		merge("Sven Nakamura", "hw-stats: counters for the NIC", "other body"),
		merge("Priya Novák", "hw-stats: counters for the NIC", "v2 body, edited"),
		merge("Sven Nakamura", "hw-stats: counters for the NIC", "other body"),
	} {
		events = append(events, Event{Event: KindReferenced, Actor: "bot", CreatedAt: time.Unix(int64(i), 0),
			Commit: &CommitRef{SHA: strings.Repeat(string(rune('a'+i)), 40), Message: msg}})
	}
	groups := GroupPatches(events)
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2: %+v", len(groups), groups)
	}
	if g := groups[0]; !slices.Equal(g.Events, []int{0, 2, 4}) || g.Revisions != 2 {
		t.Errorf("Priya's: events %v, %d revisions; want [0 2 4] in 2", g.Events, g.Revisions)
	}
	if g := groups[1]; !slices.Equal(g.Events, []int{1, 3, 5}) || g.Revisions != 1 {
		t.Errorf("Sven's: events %v, %d revisions; want [1 3 5] in 1", g.Events, g.Revisions)
	}
	if groups[0].ID == groups[1].ID {
		t.Errorf("both groups have ID %s", groups[0].ID)
	}
}
