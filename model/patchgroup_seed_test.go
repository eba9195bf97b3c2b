package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// On the seed, 51 pushes carry 27 distinct messages. Grouped by patch:
// the verifier patch pushed 22 times (Apr 26 – May 5, 2023) in 3 revisions,
// the btf_dump ASAN fix 7 times in 2, the huge_zero_page fix twice (its
// first line re-wrapped between revisions), and 20 patches pushed once.
func TestSeedPatchGroups(t *testing.T) {
	pr := loadSeedPR(t)
	groups := GroupPatches(pr.Timeline)

	var sizes []int
	distinct := 0
	pushes := 0
	for _, g := range groups {
		sizes = append(sizes, len(g.Events))
		distinct += g.Revisions
		pushes += len(g.Events)
	}
	wantSizes := []int{1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 7, 22, 1, 1, 1, 1, 1, 1, 1, 1}
	if !slices.Equal(sizes, wantSizes) {
		t.Errorf("group sizes %v, want %v", sizes, wantSizes)
	}
	if pushes != seedRefCount || distinct != 27 {
		t.Errorf("%d pushes with %d distinct messages, want %d and 27", pushes, distinct, seedRefCount)
	}

	refs := pr.referenced() // page order: refs[k] is the (k+1)-th push
	const daemon = "kernel-patches-daemon-bpf-rc[bot]"
	tests := []struct {
		name        string
		group       PatchGroup
		subject     string
		pushes      []int // 1-based page positions
		revisions   []int // revision of each push
		first, last time.Time
		actors      []string
	}{
		{
			name: "verifier patch", group: groups[14],
			subject:   "Add support precision backtracking in the presence of subprogram frames in jump history.",
			pushes:    pageRange(22, 43),
			revisions: slices.Concat(slices.Repeat([]int{1}, 17), slices.Repeat([]int{2}, 4), []int{3}),
			first:     time.Date(2023, 4, 26, 10, 0, 0, 0, time.UTC),
			last:      time.Date(2023, 5, 5, 13, 0, 0, 0, time.UTC),
			actors:    []string{daemon},
		},
		{
			name: "btf_dump ASAN fix", group: groups[13],
			subject:   "ASAN reports an use-after-free in btf_dump_name_dups:",
			pushes:    pageRange(15, 21),
			revisions: []int{1, 1, 2, 2, 2, 2, 2},
			first:     time.Date(2022, 10, 10, 10, 0, 0, 0, time.UTC),
			last:      time.Date(2022, 10, 13, 10, 0, 0, 0, time.UTC),
			actors:    []string{"kernel-patches-bot"},
		},
		{
			name: "huge_zero_page fix", group: groups[5],
			subject:   "Kernel panic when injecting memory_failure for the global huge_zero_page, when CONFIG_DEBUG_VM is enabled, as follows.",
			pushes:    []int{6, 7},
			revisions: []int{1, 2},
			first:     time.Date(2022, 5, 12, 10, 0, 0, 0, time.UTC),
			last:      time.Date(2022, 5, 23, 10, 0, 0, 0, time.UTC),
			actors:    []string{"kernel-patches-bot"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.group
			if g.Subject != tt.subject {
				t.Errorf("subject %q, want %q", g.Subject, tt.subject)
			}
			var want []int
			for _, k := range tt.pushes {
				want = append(want, refs[k-1])
			}
			if !slices.Equal(g.Events, want) {
				t.Errorf("events %v, want %v", g.Events, want)
			}
			var revs []int
			for _, i := range g.Events {
				revs = append(revs, RevisionOf(g, pr.Timeline, i))
			}
			if !slices.Equal(revs, tt.revisions) {
				t.Errorf("revisions %v, want %v", revs, tt.revisions)
			}
			if g.Revisions != slices.Max(tt.revisions) {
				t.Errorf("Revisions = %d", g.Revisions)
			}
			if !g.First.Equal(tt.first) || !g.Last.Equal(tt.last) {
				t.Errorf("%v – %v, want %v – %v", g.First, g.Last, tt.first, tt.last)
			}
			if !slices.Equal(g.Actors, tt.actors) {
				t.Errorf("actors %q, want %q", g.Actors, tt.actors)
			}
		})
	}
}

// Grouping on the first line alone would lump the cover letters of seven
// unrelated mlxsw series together ("Ido Schimmel says:" opens them all) and
// keep the re-wrapped huge_zero_page fix apart. patchSubject avoids both.
func TestSeedPatchGroupsBeatFirstLine(t *testing.T) {
	pr := loadSeedPR(t)
	refs := pr.referenced()
	byFirstLine := map[string][]int{}
	for k, i := range refs {
		line := FirstLine(pr.Timeline[i].Commit.Message)
		byFirstLine[line] = append(byFirstLine[line], k+1)
	}
	if got := byFirstLine["Ido Schimmel says:"]; !slices.Equal(got, []int{2, 3, 5, 10, 11, 12, 13}) {
		t.Fatalf(`pushes opening "Ido Schimmel says:": %v`, got)
	}
	if len(byFirstLine) != 17 {
		t.Errorf("first-line grouping gives %d groups, want 17", len(byFirstLine))
	}

	groupOf := map[int]string{}
	for _, g := range GroupPatches(pr.Timeline) {
		for _, i := range g.Events {
			groupOf[i] = g.ID
		}
	}
	seen := map[string]int{}
	for _, k := range []int{2, 3, 5, 10, 11, 12, 13, 49, 50} { // Ido Schimmel's and Petr Machata's series
		id := groupOf[refs[k-1]]
		if prev, ok := seen[id]; ok {
			t.Errorf("pushes %d and %d, different series, share group %s", prev, k, id)
		}
		seen[id] = k
	}
	if groupOf[refs[5]] != groupOf[refs[6]] {
		t.Error("pushes 6 and 7, two revisions of one fix, are in different groups")
	}
}

// What changed between revisions, as a reader would want it shown.
func TestSeedRevisionDiffs(t *testing.T) {
	pr := loadSeedPR(t)
	groups := GroupPatches(pr.Timeline)
	verifier := RevisionMessages(groups[14], pr.Timeline)
	if len(verifier) != 3 {
		t.Fatalf("%d verifier revisions", len(verifier))
	}

	// 1 → 2: the register listings gain frame numbers ("r6" → "fr0: r6").
	removed, added := diffCounts(MessageDiff(verifier[0], verifier[1]))
	if len(removed) != 20 || len(added) != 20 {
		t.Errorf("1 → 2: %d removed, %d added, want 20 and 20", len(removed), len(added))
	}
	for _, line := range added {
		if !strings.Contains(line, "fr0:") {
			t.Errorf("1 → 2: added %q, which gains no frame number", line)
		}
	}

	// 2 → 3: applied upstream, so a Link and the maintainer's sign-off.
	removed, added = diffCounts(MessageDiff(verifier[1], verifier[2]))
	wantAdded := []string{
		"Link: https://lore.kernel.org/r/20230505043317.3629845-9-andrii@kernel.org",
		"Signed-off-by: Alexei Starovoitov <ast@kernel.org>",
	}
	if len(removed) != 0 || !slices.Equal(added, wantAdded) {
		t.Errorf("2 → 3: removed %q, added %q", removed, added)
	}

	// The ASAN fix's second revision blames another commit.
	asan := RevisionMessages(groups[13], pr.Timeline)
	removed, added = diffCounts(MessageDiff(asan[0], asan[1]))
	if !slices.Equal(removed, []string{`Fixes: 351131b ("libbpf: add btf_dump API for BTF-to-C conversion")`}) ||
		!slices.Equal(added, []string{`Fixes: 919d2b1 ("libbpf: Allow modification of BTF and add btf__add_str API")`}) {
		t.Errorf("ASAN 1 → 2: removed %q, added %q", removed, added)
	}
}

func diffCounts(diff []DiffLine) (removed, added []string) {
	for _, d := range diff {
		switch d.Op {
		case '-':
			removed = append(removed, d.Text)
		case '+':
			added = append(added, d.Text)
		}
	}
	return removed, added
}

func pageRange(from, to int) []int {
	var r []int
	for k := from; k <= to; k++ {
		r = append(r, k)
	}
	return r
}
