package model

import (
	"strings"
	"testing"
)

// seedPrimaryKinds is what a person reading the seed page sees as the reason
// each of the 51 commits references #11, in page order, by the line it is on.
var seedPrimaryKinds = []RefKind{
	RefStackFrame,  // 1  "#11 [ffff89240e1a3a18] cmd_exec at …" (crash bt)
	RefPatchNumber, // 2  "Patches #3-#11 are small cleanups …"
	RefPatchNumber, // 3  "- In patches #10, #11 and #12, …"
	RefStackFrame,  // 4  "#11 [c0000000e4f07c20] kernfs_fop_write_iter at …"
	RefPatchNumber, // 5  "Patches #4-#11 make use of extack …"
	RefKernelBuild, // 6  "… Not tainted 5.18.0-rc1+ #11"
	RefKernelBuild, // 7  the same oops, next revision of the patch
	RefStackFrame,  // 8  "#11 [ff1966a94a713f50] ret_from_fork at …"
	RefKernelBuild, // 9  "… Not tainted 5.18.0-rc7+ #11"
	RefPatchNumber, // 10 "- In patch #11, the scale target …"
	RefPatchNumber, // 11 "Patches #11-#13 perform small changes …"
	RefPatchNumber, // 12 "Patches #7-#11 add the PGT table …"
	RefPatchNumber, // 13 "Patches #10-#11 finally flip the driver …"
	RefKernelBuild, // 14 "… Not tainted 5.19.0 #11"
	RefStackFrame,  // 15–21 ASAN: "#11 0xaaaab6097530 in test_btf_dump …", 3 frames each
	RefStackFrame,
	RefStackFrame,
	RefStackFrame,
	RefStackFrame,
	RefStackFrame,
	RefStackFrame,
	RefNumberedItem, // 22–43 the verifier patch: "insn #11 we keep r1, …", 3 each
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefNumberedItem,
	RefPatchNumber, // 44 "Patch #11 Fix detaching LF resources …"
	RefKernelBuild, // 45 "… Not tainted 6.3.0-rc7+ #11"
	RefStackFrame,  // 46 "#11 [ffffa6d14183f7a0] mlx5e_rep_setup_tc_cb at …"
	RefStackFrame,  // 47 "#11 [ffff80000a5d3410] el1h_64_sync at …"
	RefStackFrame,  // 48 gdb: "#11 0x00005555556b9d63 in __perf_session__process_events …"
	RefPatchNumber, // 49 "Patches #8, #9, #10 and #11 include selftests"
	RefPatchNumber, // 50 "- Patches #9, #10, #11, #12, #13 and #14 replay …"
	RefStackFrame,  // 51 "#11 [ffffb14de05b7720] mlx5e_rep_indr_offload at …"
}

func TestSeedReferencesPrimaryKinds(t *testing.T) {
	messages := seedPageMessages(t)
	if len(messages) != len(seedPrimaryKinds) {
		t.Fatalf("%d messages, %d expected kinds", len(messages), len(seedPrimaryKinds))
	}
	for k, message := range messages {
		refs := FindReferences(message, seedRepo, seedNumber)
		primary, ok := PrimaryReference(refs)
		if !ok {
			t.Errorf("message %d: no reference to #%d found", k+1, seedNumber)
			continue
		}
		if primary.Kind != seedPrimaryKinds[k] {
			t.Errorf("message %d: %s on %q, want %s", k+1, primary.Kind, primary.Line, seedPrimaryKinds[k])
		}
		if !primary.Kind.LikelyAccidental() {
			t.Errorf("message %d: %s is not marked accidental, yet none of the seed's are real", k+1, primary.Kind)
		}
	}
}

// Every reference, not just the primary one: the counts per kind and that
// each match is the "#11" on the line the message has it on.
func TestSeedReferencesAll(t *testing.T) {
	primary := map[RefKind]int{}
	all := map[RefKind]int{}
	for k, message := range seedPageMessages(t) {
		lines := strings.Split(message, "\n")
		refs := FindReferences(message, seedRepo, seedNumber)
		for _, r := range refs {
			all[r.Kind]++
			if r.Text() != "#11" {
				t.Errorf("message %d: matched %q", k+1, r.Text())
			}
			if strings.TrimSpace(lines[r.LineNo]) != r.Line {
				t.Errorf("message %d: line %d is %q, reference says %q", k+1, r.LineNo, lines[r.LineNo], r.Line)
			}
			if r.Kind != seedPrimaryKinds[k] {
				t.Errorf("message %d: a %s reference on %q besides its %s", k+1, r.Kind, r.Line, seedPrimaryKinds[k])
			}
		}
		if p, ok := PrimaryReference(refs); ok {
			primary[p.Kind]++
		}
	}
	wantPrimary := map[RefKind]int{RefStackFrame: 14, RefPatchNumber: 10, RefKernelBuild: 5, RefNumberedItem: 22}
	// ASAN messages have 3 frames each, the verifier patch 3 "insn #11".
	wantAll := map[RefKind]int{RefStackFrame: 28, RefPatchNumber: 10, RefKernelBuild: 5, RefNumberedItem: 66}
	for _, kind := range []RefKind{RefStackFrame, RefPatchNumber, RefKernelBuild, RefNumberedItem, RefExplicit, RefMention} {
		if primary[kind] != wantPrimary[kind] {
			t.Errorf("messages whose primary reference is %s: %d, want %d", kind, primary[kind], wantPrimary[kind])
		}
		if all[kind] != wantAll[kind] {
			t.Errorf("%s references: %d, want %d", kind, all[kind], wantAll[kind])
		}
	}
}

// Other numbers GitHub links in the same messages are found when asked for,
// with the kinds their lines give them.
func TestSeedReferencesOtherNumbers(t *testing.T) {
	messages := seedPageMessages(t)
	twelve := FindReferences(messages[2], seedRepo, 12) // "In patches #10, #11 and #12"
	if len(twelve) != 1 || twelve[0].Kind != RefPatchNumber || twelve[0].LineNo != 118 {
		t.Errorf("#12 in message 3: %+v", twelve)
	}
	zero := FindReferences(messages[47], seedRepo, 1) // gdb's "#1  0x00007ffff6dbf848 in PyDict_SetItemString ()"
	if len(zero) != 1 || zero[0].Kind != RefStackFrame {
		t.Errorf("#1 in message 48: %+v", zero)
	}
}

// BenchmarkFindReferencesSeed classifies all 51 messages of the seed page,
// a little over 300 KB, per op. It replaces a test that bounded the time per
// pass, which a busy machine could fail; TestFindReferencesLinearOnHostileInput
// and TestLookBackIsBounded guard against a blow-up deterministically.
func BenchmarkFindReferencesSeed(b *testing.B) {
	messages := seedPageMessages(b)
	size := 0
	for _, m := range messages {
		size += len(m)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range messages {
			FindReferences(m, seedRepo, seedNumber)
		}
	}
}
