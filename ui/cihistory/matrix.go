package cihistory

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
)

// matrix draws a run's jobs as BPF CI lays them out: a row per
// ARCH-TOOLCHAIN, a column per suite, each cell ✓ ✗ ● or – (not run),
// with the legend in words for a screen without colour. Jobs whose names
// are not in that shape follow, one a line.
func matrix(jobs []model.JobResult) []string {
	var rowNames, suites []string
	cells := map[[2]string]string{}
	var others []string
	for _, j := range jobs {
		m := j.Name.Matrix()
		if m == "" {
			others = append(others, cell(j)+" "+j.Job.Name)
			continue
		}
		if !slices.Contains(rowNames, m) {
			rowNames = append(rowNames, m)
		}
		if !slices.Contains(suites, j.Name.Suite) {
			suites = append(suites, j.Name.Suite)
		}
		cells[[2]string{m, j.Name.Suite}] = worst(cells[[2]string{m, j.Name.Suite}], cell(j))
	}
	if len(rowNames) == 0 {
		return others
	}
	nameW := 0
	for _, r := range rowNames {
		nameW = max(nameW, ansi.StringWidth(r))
	}
	var out []string
	head := strings.Repeat(" ", nameW)
	for _, s := range suites {
		head += "  " + s
	}
	out = append(out, head)
	for _, r := range rowNames {
		line := r + strings.Repeat(" ", nameW-ansi.StringWidth(r))
		for _, s := range suites {
			c := cells[[2]string{r, s}]
			if c == "" {
				c = "–"
			}
			w := ansi.StringWidth(s)
			pad := (w - 1) / 2
			line += "  " + strings.Repeat(" ", pad) + c + strings.Repeat(" ", w-1-pad)
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	out = append(out, "✓ passed · ✗ failed · ● running · – not run")
	return append(out, others...)
}

// cell is a job's glyph.
func cell(j model.JobResult) string {
	switch {
	case j.Job.Status != "" && j.Job.Status != "completed":
		return "●"
	case j.Failed():
		return "✗"
	case j.Job.Conclusion == "success":
		return "✓"
	}
	return "–" // skipped, cancelled, neutral
}

// worst keeps the cell that says more when two jobs share one (re-runs).
func worst(a, b string) string {
	rank := map[string]int{"": 0, "–": 1, "✓": 2, "●": 3, "✗": 4}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
