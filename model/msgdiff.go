package model

import "strings"

// DiffLine is one line of a MessageDiff.
type DiffLine struct {
	Op   byte // ' ' in both, '-' only in the old message, '+' only in the new
	Text string
}

// maxDiffCells caps the LCS table (4 bytes a cell): two revisions of a
// commit message differ in a few lines, so the common ends are trimmed
// first, and only a pathological pair is shown as all removed, all added.
const maxDiffCells = 1 << 22

// MessageDiff is a line diff from a to b: a longest common subsequence of
// lines kept, removals before additions where a block changed. Lines that
// differ only in trailing whitespace count as equal, as they do for patch
// revisions; equal lines are shown as b has them.
func MessageDiff(a, b string) []DiffLine {
	from, to := splitDiffLines(a), splitDiffLines(b)
	prefix := 0
	for prefix < len(from) && prefix < len(to) && sameDiffLine(from[prefix], to[prefix]) {
		prefix++
	}
	suffix := 0
	for suffix < len(from)-prefix && suffix < len(to)-prefix &&
		sameDiffLine(from[len(from)-1-suffix], to[len(to)-1-suffix]) {
		suffix++
	}

	diff := make([]DiffLine, 0, len(from)+len(to)-prefix-suffix)
	for _, line := range to[:prefix] {
		diff = append(diff, DiffLine{' ', line})
	}
	diff = appendLCSDiff(diff, from[prefix:len(from)-suffix], to[prefix:len(to)-suffix])
	for _, line := range to[len(to)-suffix:] {
		diff = append(diff, DiffLine{' ', line})
	}
	return diff
}

// appendLCSDiff appends the diff of the changed middle, x to y.
func appendLCSDiff(diff []DiffLine, x, y []string) []DiffLine {
	if (len(x)+1)*(len(y)+1) > maxDiffCells {
		for _, line := range x {
			diff = append(diff, DiffLine{'-', line})
		}
		for _, line := range y {
			diff = append(diff, DiffLine{'+', line})
		}
		return diff
	}
	// lcs[i*w+j] is the LCS length of x[i:] and y[j:].
	w := len(y) + 1
	lcs := make([]int32, (len(x)+1)*w)
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if sameDiffLine(x[i], y[j]) {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && sameDiffLine(x[i], y[j]):
			diff = append(diff, DiffLine{' ', y[j]})
			i++
			j++
		case j == len(y) || (i < len(x) && lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			diff = append(diff, DiffLine{'-', x[i]})
			i++
		default:
			diff = append(diff, DiffLine{'+', y[j]})
			j++
		}
	}
	return diff
}

// splitDiffLines splits s into lines; "" has none, and a final newline does
// not start another.
func splitDiffLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func sameDiffLine(a, b string) bool {
	return strings.TrimRight(a, " \t\r") == strings.TrimRight(b, " \t\r")
}
