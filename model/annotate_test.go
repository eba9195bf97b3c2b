package model

import (
	"bytes"
	"encoding/json"
	"maps"
	"testing"
)

func TestAnnotateTimeline(t *testing.T) {
	events := []Event{
		{Event: "commented", Body: "see #11"},
		{Event: "referenced", Commit: &CommitRef{Message: "x: a\n\n#11 0xffff1234 in f at f.c:1\nFixes #11"}},
		{Event: "referenced", Commit: &CommitRef{Message: "x: a\n\nno number"}},
		{Event: "referenced"}, // commit unknown
		{Event: "referenced", Commit: &CommitRef{Message: "y: b\n\nPatch #11 does it"}},
	}
	refs, groups := AnnotateTimeline(refRepo, 11, events)
	if len(refs) != 2 || refs[1].Kind != RefExplicit || refs[1].Line != "Fixes #11" || refs[4].Kind != RefPatchNumber {
		t.Errorf("refs %+v", refs)
	}
	if len(groups) != 3 || groups[1] != groups[2] || groups[1] == groups[4] || groups[1] == "" {
		t.Errorf("groups %v", groups)
	}
}

// The seed's dump: every referenced event says why and which patch it is.
func TestSeedDumpAnnotations(t *testing.T) {
	pr := loadSeedPR(t)
	refs, groups := AnnotateTimeline(seedRepo, seedNumber, pr.Timeline)
	if len(refs) != seedRefCount || len(groups) != seedRefCount {
		t.Fatalf("%d references and %d groups for %d referenced events", len(refs), len(groups), seedRefCount)
	}
	out, err := json.Marshal(Dump{Repo: seedRepo.String(), Timeline: pr.Timeline, Refs: refs, Groups: groups})
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Timeline []struct {
			Event     string `json:"event"`
			Reference *struct {
				Kind string `json:"kind"`
				Line string `json:"line"`
			} `json:"reference"`
			PatchGroup string `json:"patch_group"`
		} `json:"timeline"`
	}
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&decoded); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	ids := map[string]int{}
	k := 0
	for _, e := range decoded.Timeline {
		if e.Event != "referenced" {
			if e.Reference != nil || e.PatchGroup != "" {
				t.Errorf("a %s event is annotated", e.Event)
			}
			continue
		}
		if e.Reference == nil || e.PatchGroup == "" {
			t.Errorf("referenced event %d lacks annotations", k+1)
			continue
		}
		if e.Reference.Kind != string(seedPrimaryKinds[k]) {
			t.Errorf("referenced event %d: kind %s, want %s", k+1, e.Reference.Kind, seedPrimaryKinds[k])
		}
		kinds[e.Reference.Kind]++
		ids[e.PatchGroup]++
		k++
	}
	if len(ids) != 23 || ids[groups[pr.referenced()[21]]] != 22 {
		t.Errorf("%d patch groups; the verifier patch's has %d pushes", len(ids), ids[groups[pr.referenced()[21]]])
	}
	want := map[string]int{"stack-frame": 14, "patch-number": 10, "kernel-build": 5, "numbered-item": 22}
	if !maps.Equal(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
}
