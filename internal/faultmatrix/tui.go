package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// tuiResult is one TUI run: the fault on from the start, then lifted, then
// one r.
type tuiResult struct {
	c         matrixCase
	settle    time.Duration // from start until the faulty screen settled
	recovered bool          // after one r the screen is the fault-free one
	diff      string        // the first line that differs, when not
	rssMB     int64
	alive     bool // the program was still running at the end
	leaks     int
}

func (r tuiResult) problems() []string {
	p := limitProblems(r.settle, r.rssMB, r.leaks)
	if !r.alive {
		p = append(p, "exited")
	}
	if !r.recovered {
		p = append(p, "first r did not recover: "+r.diff)
	}
	return p
}

// Screen size of the TUI runs.
const cols, rows = 120, 40

// session is one prscope in a tmux session.
type session struct{ name string }

func (m *matrix) start(api *fake.FakeServer, search bool) (session, error) {
	s := session{name: fmt.Sprintf("faultmatrix-%d-%d", os.Getpid(), m.next())}
	args := []string{"exec", "env", "-i"}
	args = append(args, m.env()...)
	args = append(args, m.bin, "--api-url", api.URL, "--timeout", timeout)
	if search {
		args = append(args, "--search", "bpf", repo)
	} else {
		args = append(args, repo+"#15")
	}
	err := exec.Command("tmux", "new-session", "-d", "-s", s.name, "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows),
		strings.Join(args, " ")).Run()
	return s, err
}

func (s session) capture() []string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", s.name).Output()
	return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
}

func (s session) keys(k ...string) {
	_ = exec.Command("tmux", append([]string{"send-keys", "-t", s.name}, k...)...).Run()
}

func (s session) pid() int {
	out, _ := exec.Command("tmux", "display-message", "-p", "-t", s.name, "#{pane_pid}").Output()
	n, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	return n
}

func (s session) kill() { _ = exec.Command("tmux", "kill-session", "-t", s.name).Run() }

// settle waits until the screen has not changed for a while (every load
// answered or failed), up to runLimit, and returns it.
func (s session) settle() ([]string, time.Duration) {
	start := time.Now()
	var last string
	same := 0
	for time.Since(start) < runLimit {
		time.Sleep(300 * time.Millisecond)
		screen := strings.Join(s.capture(), "\n")
		if screen == last && screen != "" {
			if same++; same >= 6 {
				break
			}
		} else {
			same = 0
		}
		last = screen
	}
	return strings.Split(last, "\n"), time.Since(start)
}

// peakRSS is the process's high-water mark (VmHWM), in MB.
func peakRSS(pid int) (int64, bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb / 1024, true
		}
	}
	return 0, true
}

// baseline is a fault-free run's settled screens: its first look, and after
// one r (which loads some things a first look does not, such as a search
// result's full record). A recovered run shows one of them.
func (m *matrix) baseline(search bool) ([][]string, error) {
	api, err := fake.NewFakeServer(m.ds, fake.FakeOptions{Token: matrixToken})
	if err != nil {
		return nil, err
	}
	defer api.Close()
	s, err := m.start(api, search)
	if err != nil {
		return nil, fmt.Errorf("tmux: %w", err)
	}
	defer s.kill()
	first, _ := s.settle()
	s.keys("r")
	after, _ := s.settle()
	return [][]string{first, after}, nil
}

func (m *matrix) tui(c matrixCase) tuiResult {
	api, other := m.servers(c)
	defer api.Close()
	defer other.Close()
	search := c.r.name == "search"
	res := tuiResult{c: c}
	s, err := m.start(api, search)
	if err != nil {
		res.diff = err.Error()
		return res
	}
	defer s.kill()
	pid := s.pid()
	_, res.settle = s.settle()
	api.SetFaults(nil)
	time.Sleep(c.f.lifts)
	s.keys("r")
	after, _ := s.settle()
	res.rssMB, res.alive = peakRSS(pid)
	res.leaks = leaked(other)
	bases := m.baselines[fmt.Sprint(search)]
	for _, base := range bases {
		if res.recovered, res.diff = sameScreen(base, after); res.recovered {
			break
		}
	}
	if !res.recovered && m.verbose {
		fmt.Fprintf(os.Stderr, "== %s / %s: after r\n%s\n== the fault-free screen after r\n%s\n", c.r.name, c.f.name,
			strings.Join(after, "\n"), strings.Join(bases[len(bases)-1], "\n"))
	}
	s.keys("q")
	return res
}

// sameScreen compares two screens but for the status bar (the rate limit
// left differs from run to run).
func sameScreen(want, got []string) (bool, string) {
	if len(want) != len(got) {
		return false, fmt.Sprintf("%d lines, want %d", len(got), len(want))
	}
	for i := range len(want) - 1 {
		if want[i] != got[i] {
			return false, fmt.Sprintf("line %d %q, want %q", i+1, strings.TrimSpace(got[i]), strings.TrimSpace(want[i]))
		}
	}
	return true, ""
}

func printTUIs(results []tuiResult) {
	fmt.Println("## the TUI under every fault, then one r")
	fmt.Println()
	fmt.Println("| route | fault | settled | RSS MB | first r recovers | problems |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	bad, recovered := 0, 0
	var fattest int64
	for _, r := range results {
		p := r.problems()
		if len(p) > 0 {
			bad++
		}
		if r.recovered {
			recovered++
		}
		fattest = max(fattest, r.rssMB)
		fmt.Printf("| %s | %s | %.1fs | %d | %v | %s |\n", r.c.r.name, r.c.f.name, r.settle.Seconds(), r.rssMB, r.recovered, clipCell(strings.Join(p, "; ")))
	}
	fmt.Printf("\n%d runs, %d with problems, %d recovered by the first r; peak RSS %d MB\n", len(results), bad, recovered, fattest)
}
