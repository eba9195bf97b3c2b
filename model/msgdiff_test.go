package model

import (
	"strings"
	"testing"
)

// render writes a diff as "op text" lines, for compact expectations.
func render(diff []DiffLine) string {
	var b strings.Builder
	for _, d := range diff {
		b.WriteByte(d.Op)
		b.WriteString(d.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestMessageDiff(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"both empty", "", "", ""},
		{"from empty", "", "x\ny", "+x\n+y\n"},
		{"to empty", "x\ny\n", "", "-x\n-y\n"},
		{"equal", "a\nb", "a\nb\n", " a\n b\n"},
		{"trailing whitespace is equal, shown as new", "a  \nb", "a\nb\t", " a\n b\t\n"},
		{"changed middle", "a\nb\nc", "a\nB\nc", " a\n-b\n+B\n c\n"},
		{"added at end", "s\n\nbody", "s\n\nbody\nLink: x\nSigned-off-by: y", " s\n \n body\n+Link: x\n+Signed-off-by: y\n"},
		{"removed at start", "x\na\nb", "a\nb", "-x\n a\n b\n"},
		{"block change, removals first", "a\nb\nc\nd", "a\nB\nC\nd", " a\n-b\n-c\n+B\n+C\n d\n"},
		{"moved line keeps the longest common run", "a\nb\nc\nd", "b\nc\nd\na", "-a\n b\n c\n d\n+a\n"},
		{"interleaved", "1\nx\n2\ny\n3", "1\n2\nz\n3", " 1\n-x\n 2\n-y\n+z\n 3\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(MessageDiff(tt.a, tt.b)); got != tt.want {
				t.Errorf("MessageDiff(%q, %q) =\n%s\nwant\n%s", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// Applying a diff's kept and removed lines gives a; kept and added give b.
func TestMessageDiffReconstructs(t *testing.T) {
	pairs := [][2]string{
		{"a\nb\nc\nd\ne", "b\nx\nd\ne\nf"},
		{"same\nsame\nsame", "same\nother\nsame"},
		{strings.Repeat("l\n", 50) + "end", "start\n" + strings.Repeat("l\n", 49) + "l"},
	}
	for _, p := range pairs {
		var a, b []string
		for _, d := range MessageDiff(p[0], p[1]) {
			if d.Op != '+' {
				a = append(a, d.Text)
			}
			if d.Op != '-' {
				b = append(b, d.Text)
			}
		}
		if strings.Join(a, "\n") != p[0] || strings.Join(b, "\n") != p[1] {
			t.Errorf("diff of %q → %q does not rebuild them: %q, %q", p[0], p[1], a, b)
		}
	}
}

// A pathological pair (no common lines, tens of thousands each) falls back
// to all removed then all added instead of a multi-gigabyte table: what it
// allocates, not how long it takes, shows there was no table, so the test
// cannot fail on a busy machine (BenchmarkMessageDiffLarge measures time).
func TestMessageDiffHugeFallsBack(t *testing.T) {
	a := strings.Repeat("a\n", 30000)
	b := strings.Repeat("b\n", 30000)
	var diff []DiffLine
	_, bytes := allocated(func() { diff = MessageDiff(a, b) })
	// The lines, the split slices and the diff: about 2 MB. The full table
	// would be 30,001² cells of 4 bytes, 3.6 GB; the capped one 16 MB.
	if bytes > 4*maxDiffCells {
		t.Errorf("%d bytes allocated: a table was built", bytes)
	}
	if len(diff) != 60000 || diff[0].Op != '-' || diff[29999].Op != '-' || diff[30000].Op != '+' {
		t.Errorf("%d lines, ops %c…%c%c", len(diff), diff[0].Op, diff[29999].Op, diff[30000].Op)
	}
	// The measure does see a table: a pair just under the cap builds one.
	under := strings.Repeat("a\n", 2000)
	if _, bytes := allocated(func() { MessageDiff(under, strings.Repeat("b\n", 2000)) }); bytes < 4*2001*2001 {
		t.Errorf("a 2,000-line pair allocated %d bytes, less than its LCS table", bytes)
	}
}

func BenchmarkMessageDiffLarge(b *testing.B) {
	for _, bench := range []struct{ name, a, b string }{
		// Two revisions of a long message, a few lines apart: the usual case.
		{"revisions", strings.Repeat("a line of the patch's description\n", 1000),
			strings.Repeat("a line of the patch's description\n", 500) + "a changed line\n" + strings.Repeat("a line of the patch's description\n", 499)},
		{"under_the_cap", strings.Repeat("a\n", 2000), strings.Repeat("b\n", 2000)},
		{"fallback", strings.Repeat("a\n", 30000), strings.Repeat("b\n", 30000)},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MessageDiff(bench.a, bench.b)
			}
		})
	}
}
