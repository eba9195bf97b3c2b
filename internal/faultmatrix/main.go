// Command faultmatrix runs prscope against the fake GitHub with every fault
// on every route, as `dump` and as the TUI (in tmux), and prints a table:
// exit status, time and peak RSS of each dump; for the TUI, its peak RSS
// and whether the first r after the fault is lifted brings back the screen
// a fault-free run shows. It is how the README's fault figures are made:
//
//	go run ./internal/faultmatrix            # both, 3 at a time
//	go run ./internal/faultmatrix -tui=false # dump only (no tmux needed)
//
// It is a measuring tool, not a test: it needs tmux and takes minutes.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// Limits a run must stay within.
const (
	runLimit = 60 * time.Second // a dump's whole run; a TUI's settling after a key
	rssLimit = 300              // MB, peak
	timeout  = "5s"             // prscope's --timeout
)

// matrixToken is a token the fake accepts; a redirect's other host must
// never see it.
const matrixToken = "ghp_faultmatrix000000000000000000000000"

func main() {
	dump := flag.Bool("dump", true, "run dump under every fault")
	tui := flag.Bool("tui", true, "run the TUI under every fault (needs tmux)")
	parallel := flag.Int("parallel", 3, "runs at once")
	only := flag.String("only", "", "only routes or faults whose names contain this")
	verbose := flag.Bool("v", false, "print the screens of a TUI run that did not recover")
	flag.Parse()

	dir, err := os.MkdirTemp("", "faultmatrix")
	check(err)
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "prscope")
	build := exec.Command("go", "build", "-o", bin, "./cmd/prscope")
	build.Stderr = os.Stderr
	check(build.Run())
	ds, err := fake.DemoDataset()
	check(err)
	home := filepath.Join(dir, "home")
	check(os.Mkdir(home, 0o700))
	m := &matrix{bin: bin, home: home, ds: ds, verbose: *verbose}

	var cases []matrixCase
	for _, r := range routes {
		for _, f := range faults {
			if *only == "" || strings.Contains(r.name, *only) || strings.Contains(f.name, *only) {
				cases = append(cases, matrixCase{r, f})
			}
		}
	}
	if *dump {
		results := runAll(cases, *parallel, m.dump)
		printDumps(results)
	}
	if *tui {
		m.baselines = map[string][][]string{}
		for _, search := range []bool{false, true} {
			base, err := m.baseline(search)
			check(err)
			m.baselines[fmt.Sprint(search)] = base
		}
		results := runAll(cases, *parallel, m.tui)
		printTUIs(results)
	}
}

type matrixCase struct {
	r route
	f fault
}

// matrix holds what every run shares.
type matrix struct {
	bin, home string
	ds        *fake.Dataset
	baselines map[string][][]string // fault-free screens (first look, after r), by "search"
	verbose   bool
	seq       int
	mu        sync.Mutex
}

// servers starts the API and the other host a redirect points at.
func (m *matrix) servers(c matrixCase) (api, other *fake.FakeServer) {
	other, err := fake.NewFakeServer(m.ds, fake.FakeOptions{Token: matrixToken})
	check(err)
	api, err = fake.NewFakeServer(m.ds, fake.FakeOptions{Token: matrixToken})
	check(err)
	api.SetFaults(faultsFor(c.r, c.f, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)))
	return api, other
}

// env is a clean environment for one run: no config, an empty cache of
// its own (prscope's default: on), the matrix's token.
func (m *matrix) env() []string {
	home, err := os.MkdirTemp(m.home, "run")
	check(err)
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_CONFIG_HOME=" + home,
		"XDG_CACHE_HOME=" + home, "GH_TOKEN=" + matrixToken, "TERM=xterm-256color"}
}

func (m *matrix) next() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seq++
	return m.seq
}

// leaked counts requests to other that carried a token.
func leaked(other *fake.FakeServer) int {
	n := 0
	for _, r := range other.Requests() {
		if r.Header.Get("Authorization") != "" {
			n++
		}
	}
	return n
}

func runAll[T any](cases []matrixCase, parallel int, run func(matrixCase) T) []T {
	out := make([]T, len(cases))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(parallel, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = run(cases[i])
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "faultmatrix:", err)
		os.Exit(1)
	}
}
