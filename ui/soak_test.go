package ui

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github"
)

// TestSoak drives the real Bubble Tea runtime (commands in goroutines,
// the renderer calling View) with 10,000 random keys and resizes while the
// fake server answers with random faults and latencies. Run under -race it
// is also the data-race check. It asserts: no panic, every request
// answered (so no spinner left spinning), memory flat.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 keys against a faulty server")
	}
	const steps = 10000
	ds := testDataset(300, map[int]int{300: 250, 299: 30, 298: 5, 290: 120})
	srv, err := fake.NewFakeServer(ds, fake.FakeOptions{MaxLatency: 3 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(7, 11))
	faults := []func() *fake.Fault{
		fake.FaultBadToken, fake.FaultNoAccess, fake.FaultSAML, fake.FaultNotFound, fake.FaultGone, fake.FaultUnprocessable,
		func() *fake.Fault { return fake.FaultRateLimited(time.Now().Add(time.Minute)) },
		func() *fake.Fault { return fake.FaultSecondary429(time.Second) },
		func() *fake.Fault { return fake.FaultServerError(http.StatusBadGateway) },
		func() *fake.Fault { return fake.FaultServerError(http.StatusServiceUnavailable) },
		func() *fake.Fault { return &fake.Fault{Malformed: true} },
		func() *fake.Fault { return &fake.Fault{Truncate: true} },
		func() *fake.Fault { return &fake.Fault{LinkLoop: "same"} },
	}
	srv.SetFaults(func(*http.Request) *fake.Fault {
		mu.Lock()
		defer mu.Unlock()
		if rng.IntN(4) != 0 {
			return nil
		}
		return faults[rng.IntN(len(faults))]()
	})
	client, err := github.NewClient(github.Options{BaseURL: srv.URL, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}

	m := New(Config{Repo: widgets, Source: client, SettleDelay: time.Millisecond})
	p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
	done := make(chan tea.Model)
	runErr := make(chan error, 1)
	go func() {
		final, err := p.Run()
		runErr <- err
		done <- final
	}()

	// "?" is rare: the help swallows keys while it is open.
	keys := []string{"j", "j", "j", "j", "k", "g", "G", "G", "ctrl+d", "ctrl+u", "tab", "enter", "enter", "esc", " ", "r", "pgdown", "pgup"}
	heapAt := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse
	}
	keyRng := rand.New(rand.NewPCG(3, 5))
	p.Send(tea.WindowSizeMsg{Width: 160, Height: 45})
	var half uint64
	for i := 0; i < steps; i++ {
		if keyRng.IntN(400) == 0 {
			p.Send(soakKey("?"))
		} else if keyRng.IntN(50) == 0 {
			p.Send(tea.WindowSizeMsg{Width: 1 + keyRng.IntN(300), Height: 1 + keyRng.IntN(100)})
		} else {
			p.Send(soakKey(keys[keyRng.IntN(len(keys))]))
		}
		if i%40 == 0 {
			time.Sleep(3 * time.Millisecond) // let answers interleave with keys
		}
		if i == steps/2 {
			half = heapAt()
		}
	}
	// Let every request finish: the server goes quiet once nothing is asked.
	waitQuiet(t, srv)
	end := heapAt()
	p.Quit()
	if err := <-runErr; err != nil {
		t.Fatalf("program ended with %v", err)
	}
	final := (<-done).(Model)
	if final.store.InFlight() != 0 {
		t.Errorf("%d requests still counted in flight with the server quiet: the spinner would never stop", final.store.InFlight())
	}
	if final.store.CommitsBusy() != 0 {
		t.Errorf("%d commit fetches still counted busy: commit messages would stop loading", final.store.CommitsBusy())
	}
	kinds := map[string]int{}
	for _, r := range srv.Requests() {
		switch {
		case strings.Contains(r.Path, "/timeline"):
			kinds["timeline"]++
		case strings.Contains(r.Path, "/git/commits/"):
			kinds["commit"]++
		case strings.HasSuffix(r.Path, "/pulls"):
			kinds["list"]++
		default:
			kinds["pull"]++
		}
	}
	t.Logf("requests served: %v; heap %d KB at half time, %d KB at the end", kinds, half>>10, end>>10)
	if end > half*2+8<<20 {
		t.Errorf("heap grew from %d KB to %d KB over the second half: not flat", half>>10, end>>10)
	}
}

func soakKey(k string) tea.KeyMsg {
	switch k {
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	}
	return keyMsg(k)
}

// waitQuiet waits until the server has served no request for a while.
func waitQuiet(t *testing.T, srv *fake.FakeServer) {
	t.Helper()
	last, still := -1, 0
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		n := len(srv.Requests())
		if n == last {
			still++
			if still >= 10 {
				return
			}
		} else {
			still = 0
		}
		last = n
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal(fmt.Sprintf("the server never went quiet (%d requests)", last))
}
