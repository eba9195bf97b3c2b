package common

import "testing"

// TestTruncatePartsKeepsWholeParts: a row of parts is cut after the last
// part that fits whole, never inside a SHA.
func TestTruncatePartsKeepsWholeParts(t *testing.T) {
	row := "87261ed · ✓ 24 jobs passed · 1 run · Δ upstream aec0bca → 87261ed"
	for w, want := range map[int]string{
		80: row,
		50: "87261ed · ✓ 24 jobs passed · 1 run · …",
		30: "87261ed · ✓ 24 jobs passed · …",
		20: "87261ed · ✓ 24 jobs…", // the verdict cut rather than dropped: the first part alone says nothing
		9:  "87261ed …",            // not even the first part and a mark: cut as Truncate does
	} {
		if got := TruncateParts(row, w); got != want {
			t.Errorf("width %d: %q, want %q", w, got, want)
		}
	}
}
