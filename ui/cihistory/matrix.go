package cihistory

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
)

// matrix draws a run's jobs as BPF CI lays them out: a row per
// ARCH-TOOLCHAIN, a column per suite, each cell ✓ ✗ ● or – (not run),
// with the legend in words for a screen without colour. Jobs whose names
// are not in that shape follow, one a line. Narrower than the matrix, w
// keeps the suites that failed or run first, and the legend says how many
// columns are not shown: a cut must never hide the one failure.
func matrix(jobs []model.JobResult, w int) []string {
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
	suites, hidden := fitSuites(suites, rowNames, cells, nameW, w)
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
	if hidden != "" {
		out = append(out, hidden) // a line of its own: a cut legend must not lose it
	}
	out = append(out, "✓ passed · ✗ failed · ● running · – not run")
	return append(out, others...)
}

// fitSuites is the suites whose columns fit in w after the row names: all
// of them when they fit, else those with a failure (then a running job)
// chosen first, shown in their order; hidden says what was left out, "" for nothing.
func fitSuites(suites, rowNames []string, cells map[[2]string]string, nameW, w int) (shown []string, hidden string) {
	width := nameW
	for _, s := range suites {
		width += 2 + ansi.StringWidth(s)
	}
	if width <= w {
		return suites, ""
	}
	rank := func(s string) int {
		r := 0
		for _, row := range rowNames {
			r = max(r, map[string]int{"●": 1, "✗": 2}[cells[[2]string{row, s}]])
		}
		return r
	}
	order := slices.Clone(suites)
	slices.SortStableFunc(order, func(a, b string) int { return rank(b) - rank(a) })
	width = nameW
	left, failed := 0, 0
	for _, s := range order {
		if sw := 2 + ansi.StringWidth(s); width+sw <= w || len(shown) == 0 {
			shown, width = append(shown, s), width+sw
			continue
		}
		left++
		if rank(s) == 2 {
			failed++
		}
	}
	// Shown in their own order: only the choice of which favours failures.
	shown = slices.DeleteFunc(slices.Clone(suites), func(s string) bool { return !slices.Contains(shown, s) })
	if left == 0 {
		return shown, ""
	}
	hidden = fmt.Sprintf("%d more suite%s, none failed (wider pane)", left, plural(left))
	if failed > 0 {
		hidden = fmt.Sprintf("%d more suite%s, %d failed (wider pane)", left, plural(left), failed)
	}
	return shown, hidden
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
