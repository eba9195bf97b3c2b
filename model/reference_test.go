package model

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

var refRepo = Repo{Owner: "kernel-patches", Name: "bpf"}

func TestFindReferencesTokens(t *testing.T) {
	tests := []struct {
		name    string
		message string
		want    []string // the matched texts, in order
	}{
		{"bare", "See #11 for more.", []string{"#11"}},
		{"at line start", "#11 is it", []string{"#11"}},
		{"at line end", "see #11", []string{"#11"}},
		{"in parentheses", "(#11)", []string{"#11"}},
		{"punctuation after", "#11. #11, #11: #11; #11)", []string{"#11", "#11", "#11", "#11", "#11"}},
		{"range end", "Patches #3-#11 are", []string{"#11"}},
		{"range start", "Patches #11-#13 do", []string{"#11"}},
		{"slash after", "#11/3 subtest:OK", []string{"#11"}},
		{"longer number", "#110 and #111 and #1", nil},
		{"letter after", "#11a #11_b", nil},
		{"inside a word", "abc#11 v2#11", nil},
		{"html entity", "&#11; and &#11", nil},
		{"double hash", "##11", nil},
		{"path", "a/#11", nil},
		{"in a URL fragment", "https://example.com/page#11 and http://x.org/#11", nil},
		{"URL then bare", "https://example.com/x #11", []string{"#11"}},
		{"qualified", "kernel-patches/bpf#11", []string{"kernel-patches/bpf#11"}},
		{"qualified, other case", "Kernel-Patches/BPF#11", []string{"Kernel-Patches/BPF#11"}},
		{"qualified in parentheses", "(kernel-patches/bpf#11)", []string{"kernel-patches/bpf#11"}},
		{"another repository", "torvalds/linux#11 and kernel-patches/bpf-next#11", nil},
		{"qualified inside a path", "x/kernel-patches/bpf#11", nil},
		{"pull URL", "https://github.com/kernel-patches/bpf/pull/11", []string{"https://github.com/kernel-patches/bpf/pull/11"}},
		{"issues URL", "Link: http://www.github.com/Kernel-Patches/bpf/issues/11.", []string{"http://www.github.com/Kernel-Patches/bpf/issues/11"}},
		{"URL with more path", "https://github.com/kernel-patches/bpf/pull/11/files#r5", []string{"https://github.com/kernel-patches/bpf/pull/11"}},
		{"URL of another PR", "https://github.com/kernel-patches/bpf/pull/110 https://github.com/kernel-patches/bpf/pull/1", nil},
		{"URL of another repository", "https://github.com/torvalds/linux/pull/11", nil},
		{"URL and bare, in order", "#11 https://github.com/kernel-patches/bpf/pull/11 #11",
			[]string{"#11", "https://github.com/kernel-patches/bpf/pull/11", "#11"}},
		{"no number", "nothing to see", nil},
		{"number without hash", "11 items", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range FindReferences(tt.message, refRepo, 11) {
				got = append(got, r.Text())
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("FindReferences(%q) = %q, want %q", tt.message, got, tt.want)
			}
		})
	}
}

func TestFindReferencesPositions(t *testing.T) {
	message := "Subject\n\n   indented #11 here  \r\nlast kernel-patches/bpf#11"
	got := FindReferences(message, refRepo, 11)
	want := []Reference{
		{Kind: RefMention, Line: "indented #11 here", LineNo: 2, Start: 9, End: 12},
		{Kind: RefExplicit, Line: "last kernel-patches/bpf#11", LineNo: 3, Start: 5, End: 26},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ref %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestFindReferencesNoNumber(t *testing.T) {
	if refs := FindReferences("#0 frame", refRepo, 0); refs != nil {
		t.Errorf("number 0: %+v", refs)
	}
	if refs := FindReferences("", refRepo, 11); refs != nil {
		t.Errorf("empty message: %+v", refs)
	}
}

func TestClassifyReference(t *testing.T) {
	tests := []struct {
		line string
		want RefKind
	}{
		// Stack frames: crash, gdb, ASAN, Android, lldb.
		{"#11 [ffff89240e1a3a18] cmd_exec at ffffffffc046ad62 [mlx5_core]", RefStackFrame},
		{"#11 0xaaaab6097530 in test_btf_dump tools/testing/selftests/bpf/prog_tests/btf_dump.c:875", RefStackFrame},
		{"[  755.549084] #11 [ffff89240e1a3a18] cmd_exec at ffffffffc046ad62", RefStackFrame},
		{"#11  main (argc=1, argv=0x7ffe) at main.c:5", RefStackFrame},
		{"#11  0x00007f in raise () from /lib/libc.so.6", RefStackFrame},
		{"#11 pc 0003d9c5  /system/lib/libc.so (abort+4)", RefStackFrame},
		{"frame #11: 0x0000000100003f3a a.out`main at main.c:5", RefStackFrame},
		// Patch numbers.
		{"Patches #3-#11 are small cleanups", RefPatchNumber},
		{"- In patches #10, #11 and #12, apply small tweaks to mlxsw code.", RefPatchNumber},
		{"Patch #11 Fix detaching LF resources in case of VF probe fail.", RefPatchNumber},
		{"- Patch #11:", RefPatchNumber},
		{"helper is added to lib.sh. Patches #8, #9, #10 and #11 include selftests", RefPatchNumber},
		{"PATCHSET #11", RefPatchNumber},
		// Kernel builds.
		{"CPU: 6 PID: 553 Comm: split_bug Not tainted 5.18.0-rc1+ #11", RefKernelBuild},
		{"CPU: 2 PID: 1 Comm: init Tainted: G        W  O      6.3.0 #11", RefKernelBuild},
		{"Linux host 5.15.0-56-generic #11 SMP PREEMPT", RefKernelBuild},
		{"CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.3.0-rc7+ #11 Hardware name: QEMU", RefKernelBuild},
		// Numbered items.
		{"insn #11 we keep r1", RefNumberedItem},
		{"when we pop back to frame 0 at insn #11, we'll clear r1-r5 from", RefNumberedItem},
		{"to insn #11 (call pc+10) and see that subprog is global", RefNumberedItem},
		{"test #11 fails", RefNumberedItem},
		{"step #11: reboot", RefNumberedItem},
		{"subtest #11", RefNumberedItem},
		{"#11/3 verifier_and/invalid:OK", RefNumberedItem},
		{"#11      bpf_cookie:OK", RefNumberedItem},
		{"#11 bpf_cookie:FAIL", RefNumberedItem},
		// Explicit.
		{"Fixes #11", RefExplicit},
		{"Closes: #11", RefExplicit},
		{"This resolves #11.", RefExplicit},
		{"Refs #11", RefExplicit},
		{"fixed #10 and #11", RefExplicit},
		// Mentions.
		{"as discussed in #11", RefMention},
		{"#11", RefMention},
		{"#11: the eleventh", RefMention},
		{"version 1.2 #11", RefMention},               // a version, but nothing says kernel
		{"Not tainted 5 #11", RefMention},             // no dotted version
		{"text #11 [ffff89240e1a3a18] x", RefMention}, // words before: not a frame
		{"#11 [pending]", RefMention},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			start := strings.Index(tt.line, "#11") // each line has one
			if got := ClassifyReference(tt.line, start, start+3); got != tt.want {
				t.Errorf("ClassifyReference(%q) = %s, want %s", tt.line, got, tt.want)
			}
		})
	}
}

func TestClassifyReferenceQualifiedAndBadSpans(t *testing.T) {
	line := "see kernel-patches/bpf#11 and https://github.com/kernel-patches/bpf/pull/11"
	for _, r := range FindReferences(line, refRepo, 11) {
		if r.Kind != RefExplicit {
			t.Errorf("%q: %s, want explicit", r.Text(), r.Kind)
		}
	}
	for _, s := range [][2]int{{-1, 2}, {0, 100}, {3, 3}, {4, 2}} {
		if got := ClassifyReference("#11 x", s[0], s[1]); got != RefMention {
			t.Errorf("span %v: %s, want mention", s, got)
		}
	}
}

func TestLikelyAccidental(t *testing.T) {
	accidental := map[RefKind]bool{
		RefStackFrame: true, RefPatchNumber: true, RefKernelBuild: true, RefNumberedItem: true,
		RefExplicit: false, RefMention: false,
	}
	for kind, want := range accidental {
		if got := kind.LikelyAccidental(); got != want {
			t.Errorf("%s.LikelyAccidental() = %v, want %v", kind, got, want)
		}
	}
}

func TestPrimaryReference(t *testing.T) {
	ref := func(kind RefKind, lineNo int) Reference { return Reference{Kind: kind, LineNo: lineNo} }
	tests := []struct {
		name string
		refs []Reference
		want Reference
		ok   bool
	}{
		{"none", nil, Reference{}, false},
		{"one", []Reference{ref(RefStackFrame, 3)}, ref(RefStackFrame, 3), true},
		{"explicit wins", []Reference{ref(RefMention, 1), ref(RefPatchNumber, 2), ref(RefExplicit, 9)}, ref(RefExplicit, 9), true},
		{"mention beats accidents", []Reference{ref(RefStackFrame, 1), ref(RefMention, 5)}, ref(RefMention, 5), true},
		{"patch number beats frame", []Reference{ref(RefNumberedItem, 0), ref(RefStackFrame, 1), ref(RefPatchNumber, 2)}, ref(RefPatchNumber, 2), true},
		{"earliest among equals", []Reference{ref(RefStackFrame, 15), ref(RefStackFrame, 34)}, ref(RefStackFrame, 15), true},
		{"unknown kind last", []Reference{ref("future", 0), ref(RefNumberedItem, 1)}, ref(RefNumberedItem, 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := PrimaryReference(tt.refs)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// hostileInputs are messages that would take minutes if any step were
// quadratic in the line length (at n = 50,000: 50,000 references on one
// 250 KB line), by name.
var hostileInputs = map[string]func(n int) string{
	"list of refs":      func(n int) string { return "Patches " + strings.Repeat("#11, ", n) },
	"frames on a line":  func(n int) string { return strings.Repeat("#11 [ffffffffffff] f at x ", n/4) },
	"versions":          func(n int) string { return strings.Repeat("Not tainted 5.18.0 #11 ", n/4) },
	"name runs":         func(n int) string { return strings.Repeat("a", n) + "/" + strings.Repeat("b", n) + "#11" },
	"hashes":            func(n int) string { return strings.Repeat("#", 5*n) + "11" },
	"URLs":              func(n int) string { return strings.Repeat("https://x.org/#11 ", n/4) },
	"entities":          func(n int) string { return strings.Repeat("&#11;", n) },
	"separators":        func(n int) string { return strings.Repeat(",", 5*n) + " #11" },
	"many short lines":  func(n int) string { return strings.Repeat("#11 0xffff in f at x.c:1\n", n/4) },
	"gdb-like no at":    func(n int) string { return strings.Repeat("#11 f (", n/4) },
	"selftest numbered": func(n int) string { return strings.Repeat("#11 x:OK ", n/4) },
}

// Hostile input costs in proportion to its size: 10× the input allocates
// about 10× as much, never 100×. Allocations, not a clock, so the test
// cannot fail on a busy machine; BenchmarkFindReferencesPathological
// measures the time. The references found grow linearly too.
func TestFindReferencesLinearOnHostileInput(t *testing.T) {
	for name, input := range hostileInputs {
		small, big := input(5_000), input(50_000)
		found, foundBig := len(FindReferences(small, refRepo, 11)), len(FindReferences(big, refRepo, 11))
		if foundBig > 10*found+1 {
			t.Errorf("%s: %d references in 10× the input, against %d", name, foundBig, found)
		}
		checkGrowth(t, name,
			func() { FindReferences(small, refRepo, 11) },
			func() { FindReferences(big, refRepo, 11) })
	}
}

// What keeps the hostile inputs linear without allocating (so
// TestFindReferencesLinearOnHostileInput could not see it go): every look
// back from a "#N" stops after a fixed distance, however long the line.
func TestLookBackIsBounded(t *testing.T) {
	list := func(items int) string { return "Patches " + strings.Repeat("#1, ", items) }
	if got := leadWord(list(maxListItems - 1)); got != "patches" {
		t.Errorf("leadWord over %d items = %q, want patches", maxListItems-1, got)
	}
	if got := leadWord(list(10 * maxListItems)); got != "" {
		t.Errorf("leadWord over %d items = %q: it looked past maxListItems", 10*maxListItems, got)
	}
	for _, tt := range []struct {
		owner, name int
		want        bool
	}{{maxOwnerLen, maxRepoLen, true}, {maxOwnerLen + 1, 1, false}, {1, maxRepoLen + 1, false}, {1, 100 * maxRepoLen, false}} {
		line := strings.Repeat("o", tt.owner) + "/" + strings.Repeat("r", tt.name) + "#11"
		if _, _, _, ok := qualifierBefore(line, len(line)-3); ok != tt.want {
			t.Errorf("qualifierBefore with a %d-byte owner and %d-byte name: %v, want %v", tt.owner, tt.name, ok, tt.want)
		}
	}
	frame := strings.Repeat(" ", maxFramePrefix+1) + "#11 0xffff in f ()"
	if isStackFrame(frame[:maxFramePrefix+1], frame[maxFramePrefix+4:], "") {
		t.Errorf("a frame number after %d bytes of indentation counted as a frame", maxFramePrefix+1)
	}
	if !isStackFrame(frame[1:maxFramePrefix+1], frame[maxFramePrefix+4:], "") {
		t.Errorf("a frame number after %d bytes of indentation not counted as a frame", maxFramePrefix)
	}
}

func BenchmarkFindReferencesPathological(b *testing.B) {
	for _, name := range slices.Sorted(maps.Keys(hostileInputs)) {
		message := hostileInputs[name](50_000)
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(message)))
			b.ReportAllocs()
			for b.Loop() {
				FindReferences(message, refRepo, 11)
			}
		})
	}
}
