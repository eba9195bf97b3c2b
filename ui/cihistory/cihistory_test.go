package cihistory

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	m.Run()
}

var t0 = time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)

func hours(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

const (
	x86Progs = "x86_64-gcc / test (test_progs, false, 360) / test_progs on x86_64 with gcc"
	armProgs = "aarch64-gcc / test (test_progs, false, 360) / test_progs on aarch64 with gcc"
	x86Build = "x86_64-gcc / build / build for x86_64 with gcc"
	failing  = "btf_dump/btf_dump: struct_data"
)

func job(id int64, name, conclusion string, failed ...string) model.JobResult {
	var anns []model.Annotation
	for _, f := range failed {
		anns = append(anns, model.Annotation{Message: "#32/14 " + f})
	}
	if conclusion == "success" {
		anns = []model.Annotation{}
	}
	return model.NewJobResult(model.Job{ID: id, Name: name, Status: "completed", Conclusion: conclusion, HTMLURL: fmt.Sprintf("https://github.com/o/r/actions/runs/1/job/%d", id)}, anns, nil)
}

// history has versions v1..vN, each tested by one run; all but the last fail.
func history(n int) model.History {
	var vs []model.Version
	var runs []model.WorkflowRun
	jobs := map[int64][]model.JobResult{}
	for i := range n {
		vs = append(vs, model.Version{Kind: model.VersionSeries, ID: fmt.Sprint(i + 1), At: hours(24 * i), PushedAt: hours(24 * i), Applied: true})
		id := int64(1000 + i)
		concl := "failure"
		if i == n-1 {
			concl = "success"
		}
		runs = append(runs, model.WorkflowRun{ID: id, HeadSHA: fmt.Sprintf("sha%d", i), Attempt: 1, Workflow: "bpf-ci", Status: "completed", Conclusion: concl, CreatedAt: hours(24*i + 1), HTMLURL: fmt.Sprintf("https://github.com/o/r/actions/runs/%d", id)})
		if concl == "success" {
			jobs[id] = []model.JobResult{job(id*10, x86Build, "success"), job(id*10+1, x86Progs, "success"), job(id*10+2, armProgs, "success")}
		} else {
			jobs[id] = []model.JobResult{job(id*10, x86Build, "success"), job(id*10+1, x86Progs, "failure", failing), job(id*10+2, armProgs, "failure", failing)}
		}
	}
	return model.MatchRuns(vs, runs, jobs)
}

func newHistory(n, w, h int) Model {
	m := New(common.Common{Styles: common.DefaultStyles(), Now: func() time.Time { return hours(24 * 30) }, Dates: common.DatesAbsolute})
	m.SetSize(w, h)
	m.Focus()
	m.SetData(Data{Number: 7, History: history(n), Branch: "series/7", Version: 1, Supported: true})
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		if k == "enter" {
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		}
		m, _ = m.Update(msg)
	}
	return m
}

func TestVersionsRunsMatrixAndFailedJobs(t *testing.T) {
	m := newHistory(3, 100, 30)
	v := m.View()
	for _, want := range []string{
		"tested 3 versions · 3 runs · v3 ✓ 3 jobs passed",
		failing + ": passed again after failing in v1, v2",
		"▸ v3 · ✓ 3 jobs passed · 1 run · pushed 2024-05-03 09:00",
		"▸ v1 · ✗ 2 of 3 jobs failed · 1 run · pushed 2024-05-01 09:00",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q in\n%s", want, v)
		}
	}
	if strings.Index(v, "v3 ·") > strings.Index(v, "v1 ·") {
		t.Errorf("not newest first:\n%s", v)
	}
	m = press(m, "G", "enter") // v1 opens: its run
	if v := m.View(); !strings.Contains(v, "▾ v1") || !strings.Contains(v, "run 1000 · bpf-ci · ✗ 2 of 3 jobs failed") {
		t.Fatalf("v1 opened:\n%s", v)
	}
	m = press(m, "j", "enter") // the run opens: matrix and failed jobs
	v = m.View()
	for _, want := range []string{"build  test_progs", "x86_64-gcc     ✓        ✗", "aarch64-gcc    –        ✗", "✓ passed · ✗ failed", "▸ ✗ test_progs on x86_64 gcc · 1 failing test"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q in\n%s", want, v)
		}
	}
	m = press(m, "j", "enter")
	if v := m.View(); !strings.Contains(v, "▾ ✗ test_progs on x86_64 gcc") || !strings.Contains(v, "      "+failing) || !strings.Contains(v, "l: read the log") {
		t.Errorf("job opened:\n%s", v)
	}
	if u, what, id := m.Selected(); !strings.HasSuffix(u, "/job/10001") || what != "job 10001" || id != "10001" {
		t.Errorf("selected URL %q", u)
	}
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("l")})
	if cmd == nil {
		t.Fatal("l on a failed job asked for nothing")
	}
	if msg, ok := cmd().(ReadLogMsg); !ok || msg.Job != 10001 || msg.Number != 7 {
		t.Errorf("l asked %+v", msg)
	}
	runs, anns := m.Wants(true)
	if len(runs) != 3 || len(anns) != 4 {
		t.Errorf("wants jobs of %v, annotations of %v", runs, anns)
	}
}

func TestEmptyStatesSaySo(t *testing.T) {
	m := New(common.Common{Styles: common.DefaultStyles(), Now: time.Now})
	m.SetSize(80, 5)
	for _, c := range []struct {
		d    Data
		want string
	}{
		{Data{Number: 1, Branch: "b", Version: 1}, "does not read GitHub Actions"},
		{Data{Number: 1, Branch: "b", Version: 2, Supported: true, Loading: true}, "loading the CI runs of b"},
		{Data{Number: 1, Branch: "b", Version: 3, Supported: true, Err: "502"}, "could not load (r to retry): 502"},
		{Data{Number: 1, Branch: "bpf-next_test", Version: 4, Supported: true}, "no CI runs for this PR (its branch: bpf-next_test)"},
	} {
		m.SetData(c.d)
		if !strings.Contains(m.View(), c.want) {
			t.Errorf("%+v: %q", c.d, m.View())
		}
		if m.Headline() != "" {
			t.Errorf("a headline with no runs: %q", m.Headline())
		}
	}
}

func TestEveryLineFits(t *testing.T) {
	for _, w := range []int{20, 41, 80} {
		m := newHistory(4, w, 40)
		m = press(m, "G", "enter", "j", "enter", "j", "enter")
		for _, l := range strings.Split(m.View(), "\n") {
			if lipgloss.Width(l) > w {
				t.Errorf("width %d: %d-cell line %q", w, lipgloss.Width(l), l)
			}
		}
	}
}

// BenchmarkHistoryScroll: a key costs the same with 20 or 1,000 versions
// (ratio in one run: go test -bench HistoryScroll ./ui/cihistory).
func BenchmarkHistoryScroll(b *testing.B) {
	for _, n := range []int{20, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := newHistory(n, 120, 12) // both fill the screen: a key draws a screenful
			keys := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("j")}, {Type: tea.KeyRunes, Runes: []rune("k")}}
			b.ResetTimer()
			for i := range b.N {
				m, _ = m.Update(keys[i%2])
			}
		})
	}
}

// TestCursorStaysOnItsVersion: older versions found as timeline pages
// arrive do not move the cursor off the version it is on.
func TestCursorStaysOnItsVersion(t *testing.T) {
	full := history(4)
	part := full
	part.Versions = full.Versions[2:] // v3, v4: the timeline's last page only
	m := New(common.Common{Styles: common.DefaultStyles(), Now: time.Now, Dates: common.DatesAbsolute})
	m.SetSize(100, 20)
	m.Focus()
	m.SetData(Data{Number: 7, History: part, Version: 1, Supported: true})
	m = press(m, "j") // onto v3
	if !strings.Contains(m.View(), "▌ ▸ v3") {
		t.Fatalf("setup:\n%s", m.View())
	}
	m.SetData(Data{Number: 7, History: full, Version: 2, Supported: true})
	if !strings.Contains(m.View(), "▌ ▸ v3") {
		t.Errorf("the cursor left v3:\n%s", m.View())
	}
}

// TestTopOfTheHistoryScrollsIn: above the first version are lines that
// cannot be selected (the headline, the tests' stories); k and g bring
// them back into view.
func TestTopOfTheHistoryScrollsIn(t *testing.T) {
	m := newHistory(3, 100, 3)
	m.SetData(Data{Number: 7, Title: "CI history of #7", History: history(3), Version: 2, Supported: true})
	m = press(m, "G")
	if strings.Contains(m.View(), "CI history of #7") {
		t.Fatalf("setup: the title is still in view:\n%s", m.View())
	}
	for range 10 {
		m = press(m, "k")
	}
	if !strings.Contains(m.View(), "CI history of #7") {
		t.Errorf("k never brought the top back:\n%s", m.View())
	}
	m = press(m, "G", "g")
	if !strings.Contains(m.View(), "CI history of #7") {
		t.Errorf("g did not show the top:\n%s", m.View())
	}
}

// TestSaysWhenOnlyTheNewestRunsAreRead: a branch with more runs than one
// page says how many were read.
func TestSaysWhenOnlyTheNewestRunsAreRead(t *testing.T) {
	m := newHistory(3, 100, 20)
	m.SetData(Data{Number: 7, History: history(3), Version: 2, Supported: true, RunsRead: 100, RunsTotal: 340})
	if !strings.Contains(m.View(), "the branch's newest 100 of 340 runs are read; older ones are not") {
		t.Errorf("no word of the runs not read:\n%s", m.View())
	}
}

// TestOlderRunsLoadAtTheEnd: with older pages to read, the end says so and
// is where the view wants them: near it, not at the top of a long history.
func TestOlderRunsLoadAtTheEnd(t *testing.T) {
	m := newHistory(40, 100, 10)
	d := Data{Number: 7, History: history(40), Version: 2, Supported: true, RunsRead: 100, RunsTotal: 340, MoreRuns: true}
	m.SetData(d)
	if m.NearEnd() {
		t.Error("near the end at the top of 40 versions")
	}
	m = press(m, "G")
	if !m.NearEnd() || !strings.Contains(m.View(), "100 of 340 runs read; older ones load here") {
		t.Errorf("at the end: near %v\n%s", m.NearEnd(), m.View())
	}
	d.Loading, d.Version = true, 3
	m.SetData(d)
	if !strings.Contains(m.View(), "loading older runs… (100 of 340 runs read)") {
		t.Errorf("loading:\n%s", m.View())
	}
	d.Loading, d.Err, d.Version = false, "runs down", 4
	m.SetData(d)
	if !strings.Contains(m.View(), "older runs: could not load (r to retry): runs down") {
		t.Errorf("failed:\n%s", m.View())
	}
}

// TestCursorStartsOnTheNewestAsVersionsArrive: the history opens on the
// newest version; until a key moves the cursor, newer versions found as
// the timeline loads take it (#201 opened on its 47th of 50 versions).
func TestCursorStartsOnTheNewestAsVersionsArrive(t *testing.T) {
	full := history(4)
	part := full
	part.Versions = full.Versions[:2] // v1, v2: the timeline's first page only
	m := New(common.Common{Styles: common.DefaultStyles(), Now: time.Now, Dates: common.DatesAbsolute})
	m.SetSize(100, 20)
	m.Focus()
	m.SetData(Data{Number: 7, History: part, Version: 1, Supported: true})
	if !strings.Contains(m.View(), "▌ ▸ v2") {
		t.Fatalf("setup:\n%s", m.View())
	}
	m.SetData(Data{Number: 7, History: full, Version: 2, Supported: true})
	if !strings.Contains(m.View(), "▌ ▸ v4") {
		t.Errorf("the cursor stayed on v2 as v3 and v4 arrived above it:\n%s", m.View())
	}
}

// TestNarrowMatrixKeepsTheFailure: a matrix wider than the pane keeps the
// suite that failed, whatever its place, and says what it left out.
func TestNarrowMatrixKeepsTheFailure(t *testing.T) {
	var jobs []model.JobResult
	for i, suite := range []string{"build", "test_progs", "test_progs_no_alu32", "test_maps", "test_verifier"} {
		conclusion := "success"
		if suite == "test_verifier" {
			conclusion = "failure"
		}
		jobs = append(jobs, job(int64(i), suite+" on x86_64 with gcc", conclusion))
	}
	wide := matrix(jobs, 200)
	narrow := matrix(jobs, 50)
	if !strings.Contains(wide[0], "test_maps") || strings.Contains(strings.Join(wide, "\n"), "more suite") {
		t.Fatalf("wide:\n%s", strings.Join(wide, "\n"))
	}
	for _, l := range narrow {
		if ansi.StringWidth(l) > 50 && !strings.HasPrefix(l, "✓ passed") {
			t.Errorf("a row is wider than 50: %q", l)
		}
	}
	if !strings.Contains(narrow[0], "test_verifier") || !strings.Contains(narrow[1], "✗") ||
		!strings.Contains(narrow[len(narrow)-2], "none failed (wider pane)") {
		t.Errorf("narrow matrix hides the failure or does not say what it left out:\n%s", strings.Join(narrow, "\n"))
	}
}

// TestOpeningOnTheLastLineShowsWhatOpened: a row opened on the pane's last
// line scrolls up so what it opened is seen, the row itself kept.
func TestOpeningOnTheLastLineShowsWhatOpened(t *testing.T) {
	m := newHistory(8, 100, 6)
	for range 4 {
		m = press(m, "j")
	}
	before := m.top
	m = press(m, "enter")
	lines := strings.Split(m.View(), "\n")
	if m.top == before || !strings.Contains(m.View(), "▌ ▾") || strings.Contains(lines[len(lines)-1], "▌ ▾") {
		t.Errorf("after enter on the last line (top %d → %d):\n%s", before, m.top, m.View())
	}
}
