package cihistory

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/model"
)

// row is one line of the history. Rows that can be selected name what
// they open (key) and where they lead on the web (url).
type row struct {
	text  string
	key   string // "" for a line that cannot be selected
	url   string
	depth int
	job   int64 // a failed job's row: its id, for its log
	style lipgloss.Style
}

// versionKey names a version by what announced it, not by its place: more
// timeline pages arriving find older versions, which shifts places.
func versionKey(v model.Version) string {
	return "v" + string(v.Kind) + "\x00" + v.ID + "\x00" + v.Upstream + "\x00" + v.EventID
}

// runKey names a run's attempt: a re-run keeps its run's id.
func runKey(r model.WorkflowRun) string {
	return "r" + strconv.FormatInt(r.ID, 10) + "/" + strconv.Itoa(r.Attempt)
}
func jobKey(id int64) string { return "j" + strconv.FormatInt(id, 10) }

// layout builds every row from the data and what is open, then draws.
func (m *Model) layout() {
	m.rows = m.rows[:0]
	st := m.common.Styles
	d := m.data
	note := func(s string) { m.rows = append(m.rows, row{text: s, style: st.Muted}) }
	if d.Title != "" {
		m.rows = append(m.rows, row{text: d.Title, style: st.Muted})
	}
	switch {
	case !d.Supported:
		note("no CI history: this source does not read GitHub Actions")
	case d.Err != "" && m.runCount() == 0:
		m.rows = append(m.rows, row{text: "CI runs: could not load (" + m.common.Retry() + "): " + d.Err, style: st.Error})
		m.versionRows(true)
	case d.Loading && m.runCount() == 0:
		note("loading the CI runs of " + d.Branch + "…")
	case m.runCount() == 0:
		note("no CI runs for this PR (its branch: " + d.Branch + ")")
		m.versionRows(true)
	default:
		m.rows = append(m.rows, row{text: m.Headline(), style: st.Title}) // the detail header's words
		if d.RunsTotal > d.RunsRead && !d.MoreRuns {
			note(fmt.Sprintf("  the branch's newest %d of %d runs are read; older ones are not", d.RunsRead, d.RunsTotal))
		}
		m.trendRows()
		m.versionRows(false)
		m.unmatchedRows()
		m.olderRunsRow()
	}
	if len(m.rows) > 0 && m.rows[0].key == "" {
		// The cursor can rest on the first line, so what is above the first
		// version (the headline, the tests' stories) can be scrolled back to.
		m.rows[0].key = topKey
	}
	m.cursor = m.nearestSelectable(min(m.cursor, len(m.rows)-1), 1)
	m.draw()
}

// olderRunsRow says, at the end where they go, what of the branch's older
// runs is on its way.
func (m *Model) olderRunsRow() {
	d, st := m.data, m.common.Styles
	read := fmt.Sprintf("%d of %d runs read", d.RunsRead, d.RunsTotal)
	// The cursor can rest on it (G goes there), so it comes into view.
	r := row{key: olderKey, text: read + "; older ones load here", style: st.Muted}
	switch {
	case !d.MoreRuns:
		return
	case d.Err != "":
		r.text, r.style = "older runs: could not load ("+m.common.Retry()+"): "+d.Err, st.Error
	case d.Loading:
		r.text, r.style = "loading older runs… ("+read+")", st.Loading
	}
	m.rows = append(m.rows, r)
}

// olderKey is the row that says what of the older runs is read.
const olderKey = "older"

// NearEnd reports that the history's last rows are in view, where its
// older runs go.
func (m Model) NearEnd() bool { return m.top+m.height >= len(m.rows)-2 }

// topKey marks the first line as one the cursor may rest on.
const topKey = "top"

// trendRows are the failing tests' stories, under the headline.
func (m *Model) trendRows() {
	trends := m.data.History.Trends()
	for _, t := range trends {
		style := m.common.Styles.Error
		if t.PassedAfter {
			style = m.common.Styles.Muted
		}
		m.rows = append(m.rows, row{text: "  " + t.String(), style: style})
		if len(t.Where) > 0 {
			m.rows = append(m.rows, row{text: "    failed in " + strings.Join(t.Where, ", "), style: m.common.Styles.Muted})
		}
	}
	if len(trends) > 0 {
		m.rows = append(m.rows, row{text: ""})
	}
}

// versionRows are the versions, newest first; bare lists them without runs.
func (m *Model) versionRows(bare bool) {
	vs := m.data.History.Versions
	for i := len(vs) - 1; i >= 0; i-- {
		tv := vs[i]
		k := versionKey(tv.Version)
		m.rows = append(m.rows, row{text: m.marker(k, len(tv.Runs) > 0 && !bare) + m.versionText(tv), key: k, style: m.verdictStyle(tv)})
		if m.open[k] && !bare {
			for j := len(tv.Runs) - 1; j >= 0; j-- {
				m.runRows(tv.Runs[j], 1)
			}
		}
	}
}

func (m Model) versionText(tv model.TestedVersion) string {
	// What it came to first, where a narrow pane still shows it; then
	// when, and what changed.
	v := tv.Version
	_, words := tv.Verdict()
	if !v.Applied {
		words = "✗ not applied (merge conflict)"
	}
	parts := []string{v.Label(), words}
	if len(tv.Runs) > 0 {
		parts = append(parts, model.RunCount(tv.Runs))
	}
	if v.LabelVerdict != "" && len(tv.Runs) > 0 {
		parts = append(parts, "label: ci-"+v.LabelVerdict)
	}
	if !v.PushedAt.IsZero() {
		parts = append(parts, "pushed "+m.common.When(v.PushedAt))
	} else if !v.At.IsZero() {
		parts = append(parts, m.common.When(v.At))
	}
	if v.Change != "" {
		parts = append(parts, "Δ "+v.Change)
	}
	return strings.Join(parts, " · ")
}

func (m *Model) runRows(r model.RunResult, depth int) {
	k := runKey(r.Run)
	_, words := r.Verdict()
	if m.data.JobsLoading[r.Run.ID] && !r.JobsLoaded {
		words += " · loading jobs…"
	}
	if r.JobsErr != "" {
		words += " · jobs: " + r.JobsErr
	}
	text := fmt.Sprintf("run %d", r.Run.ID)
	if r.Run.Attempt > 1 {
		text += fmt.Sprintf(" · attempt %d", r.Run.Attempt)
	}
	text += " · " + r.Run.Workflow + " · " + words + " · " + m.common.When(r.Run.CreatedAt)
	m.rows = append(m.rows, row{text: m.marker(k, r.JobsLoaded) + text, key: k, url: r.Run.HTMLURL, depth: depth, style: m.runStyle(r)})
	if !m.open[k] || !r.JobsLoaded {
		return
	}
	for _, line := range matrix(r.Jobs, m.width-2-2*(depth+2)) {
		m.rows = append(m.rows, row{text: line, depth: depth + 2})
	}
	for _, j := range r.FailedJobs() {
		m.jobRows(j, depth+1)
	}
}

func (m *Model) jobRows(j model.JobResult, depth int) {
	k := jobKey(j.Job.ID)
	tests := "failing tests not known yet"
	switch n := len(j.FailedTests); {
	case j.FailedTests != nil && n == 0:
		tests = "no failing test named"
	case n > 0:
		tests = fmt.Sprintf("%d failing test%s", n, plural(n))
	}
	if j.AnnotationsErr != "" && j.FailedTests == nil {
		tests = "annotations: " + j.AnnotationsErr
	}
	m.rows = append(m.rows, row{text: m.marker(k, true) + "✗ " + j.Name.Where() + " · " + tests, key: k, url: j.Job.HTMLURL, depth: depth, job: j.Job.ID, style: m.common.Styles.Error})
	if !m.open[k] {
		return
	}
	add := func(s string, style lipgloss.Style) {
		m.rows = append(m.rows, row{text: s, depth: depth + 2, style: style})
	}
	for _, t := range j.FailedTests {
		add(t, lipgloss.Style{})
	}
	if j.Job.FailedStep != "" {
		add("failed step: "+j.Job.FailedStep, m.common.Styles.Muted)
	}
	switch {
	case m.data.LogLoading[j.Job.ID]:
		add("reading the log…", m.common.Styles.Muted)
	case j.LogErr != "":
		add("log: "+j.LogErr, m.common.Styles.Error)
	case j.Log != nil:
		if j.Log.Summary != "" {
			add("Summary: "+j.Log.Summary, lipgloss.Style{})
		}
		for _, l := range j.Log.ErrorBlock {
			add(l, m.common.Styles.Muted)
		}
		if j.Log.Truncated {
			add("(the log was cut: read from its start)", m.common.Styles.Muted)
		}
	default:
		add(m.KeyMap.Log.Help().Key+": read the log for every failing test and the first error", m.common.Styles.Muted)
	}
}

func (m *Model) unmatchedRows() {
	if len(m.data.History.Unmatched) == 0 {
		return
	}
	k := "unmatched"
	m.rows = append(m.rows, row{text: m.marker(k, true) + m.unmatchedText(), key: k, style: m.common.Styles.Muted})
	if m.open[k] {
		for _, r := range slices.Backward(m.data.History.Unmatched) {
			m.runRows(r, 1)
		}
	}
}

// marker is ▸ for a closed row that opens, ▾ for an open one.
func (m Model) marker(k string, opens bool) string {
	switch {
	case !opens:
		return "  "
	case m.open[k]:
		return "▾ "
	}
	return "▸ "
}

func (m Model) verdictStyle(tv model.TestedVersion) lipgloss.Style {
	if !tv.Version.Applied {
		return m.common.Styles.Error
	}
	v, _ := tv.Verdict()
	return m.verdictColour(v)
}

func (m Model) runStyle(r model.RunResult) lipgloss.Style {
	v, _ := r.Verdict()
	return m.verdictColour(v)
}

func (m Model) verdictColour(v model.Verdict) lipgloss.Style {
	st := m.common.Styles
	switch v {
	case model.VerdictFailed:
		return st.Error
	case model.VerdictPassed:
		return st.StateOpen
	case model.VerdictRunning:
		return st.StatusWarning
	}
	return lipgloss.Style{}
}

// Wants are what the history needs: the jobs of each version's latest
// run (for its verdict, and the header's) or, all is set (the history is
// on screen), of every run, and the annotations of those runs' failed jobs
// (which name the failing tests: BPF CI writes its ##[error] lines there;
// a test's story needs every run).
func (m Model) Wants(all bool) (runs, annotations []int64) {
	vs := m.data.History.Versions
	for i, tv := range vs {
		if !all && i != lastTested(vs) {
			continue // hidden, only the header's verdict is needed
		}
		for j, r := range tv.Runs {
			if j != len(tv.Runs)-1 && !all {
				continue
			}
			runs = append(runs, r.Run.ID)
			for _, fj := range r.FailedJobs() {
				annotations = append(annotations, fj.Job.ID)
			}
		}
	}
	return runs, annotations
}

// ReadLogMsg asks for a failed job's log (the Log key on its row).
type ReadLogMsg struct {
	Number int
	Job    int64
}

func (m Model) readLog() tea.Cmd {
	if m.cursor >= len(m.rows) || m.rows[m.cursor].job == 0 {
		return nil
	}
	msg := ReadLogMsg{Number: m.data.Number, Job: m.rows[m.cursor].job}
	return func() tea.Msg { return msg }
}

// Selected is the selected run's or job's page, what it is ("run 123",
// "job 456") and its id; "" when the row has no page.
func (m Model) Selected() (url, what, id string) {
	if m.cursor >= len(m.rows) || m.rows[m.cursor].url == "" {
		return "", "", ""
	}
	r := m.rows[m.cursor]
	kind, n := "run", strings.TrimPrefix(r.key, "r")
	n, _, _ = strings.Cut(n, "/") // the run's id, not its attempt
	if r.job != 0 {
		kind, n = "job", strconv.FormatInt(r.job, 10)
	}
	return r.url, kind + " " + n, n
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// lastTested is the index of the newest version with runs, -1 for none.
func lastTested(vs []model.TestedVersion) int {
	for i := len(vs) - 1; i >= 0; i-- {
		if len(vs[i].Runs) > 0 {
			return i
		}
	}
	return -1
}

// unmatchedText heads the runs no version was found for.
func (m Model) unmatchedText() string {
	n := len(m.data.History.Unmatched)
	if m.data.TimelinePartial {
		return fmt.Sprintf("%d run%s of versions on timeline pages not loaded yet", n, plural(n))
	}
	return fmt.Sprintf("%d run%s not matched to a version", n, plural(n))
}
