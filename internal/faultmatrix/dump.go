package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// dumpResult is one dump run.
type dumpResult struct {
	c        matrixCase
	exit     int
	took     time.Duration
	rssMB    int64
	stdout   int64  // bytes written
	json     bool   // stdout was one valid JSON document
	warnings int    // "warning:" lines on stderr
	errLine  string // stderr's last line, for the table
	leaks    int    // requests to the other host with the token
}

// problems says what in r breaks the matrix's rules.
func (r dumpResult) problems() []string {
	p := limitProblems(r.took, r.rssMB, r.leaks)
	wantFail := r.c.r.essential && r.c.f.failing
	switch {
	case r.exit == 1 && !wantFail:
		p = append(p, "exit 1 for an optional part")
	case r.exit == 0 && wantFail:
		p = append(p, "exit 0 for a failed essential part")
	case r.exit != 0 && r.exit != 1:
		p = append(p, fmt.Sprintf("exit %d", r.exit))
	}
	if r.exit == 0 && !r.json {
		p = append(p, "exit 0 without JSON")
	}
	return p
}

// limitProblems is what breaks the rules every run has: its time, its
// peak RSS, and no token on the redirect's other host.
func limitProblems(took time.Duration, rssMB int64, leaks int) []string {
	var p []string
	if took > runLimit {
		p = append(p, fmt.Sprintf("took %s", took.Round(time.Second)))
	}
	if rssMB > rssLimit {
		p = append(p, fmt.Sprintf("RSS %d MB", rssMB))
	}
	if leaks > 0 {
		p = append(p, fmt.Sprintf("token sent to the other host %d times", leaks))
	}
	return p
}

// capped keeps the first max bytes written to it and counts the rest.
type capped struct {
	buf   bytes.Buffer
	max   int
	total int64
}

func (c *capped) Write(p []byte) (int, error) {
	c.total += int64(len(p))
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (m *matrix) dump(c matrixCase) dumpResult {
	api, other := m.servers(c)
	defer api.Close()
	defer other.Close()
	args := append([]string{c.r.dump[0], "--api-url", api.URL, "--timeout", timeout}, c.r.dump[1:]...)
	ctx, cancel := context.WithTimeout(context.Background(), runLimit+10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, m.bin, args...)
	cmd.Env = m.env()
	stdout := &capped{max: 64 << 20}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := dumpResult{c: c, took: time.Since(start), stdout: stdout.total, leaks: leaked(other)}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.exit = exit.ExitCode()
	case err != nil:
		res.exit = -1
	}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.rssMB = ru.Maxrss / 1024 // kilobytes on Linux
		}
	}
	res.json = int64(stdout.buf.Len()) == stdout.total && json.Valid(stdout.buf.Bytes())
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	for _, l := range lines {
		if strings.Contains(l, "warning:") {
			res.warnings++
		}
	}
	res.errLine = lines[len(lines)-1]
	return res
}

func printDumps(results []dumpResult) {
	fmt.Println("## dump under every fault")
	fmt.Println()
	fmt.Println("| route | fault | exit | time | RSS MB | JSON | warnings | problems | stderr (last line) |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	bad := 0
	var slowest time.Duration
	var fattest int64
	for _, r := range results {
		p := r.problems()
		if len(p) > 0 {
			bad++
		}
		slowest, fattest = max(slowest, r.took), max(fattest, r.rssMB)
		fmt.Printf("| %s | %s | %d | %.1fs | %d | %v | %d | %s | %s |\n", r.c.r.name, r.c.f.name, r.exit,
			r.took.Seconds(), r.rssMB, r.json, r.warnings, strings.Join(p, "; "), clipCell(r.errLine))
	}
	fmt.Printf("\n%d runs, %d with problems; slowest %.1fs, peak RSS %d MB\n\n", len(results), bad, slowest.Seconds(), fattest)
}

func clipCell(s string) string {
	s = strings.ReplaceAll(s, "|", "/")
	if len(s) > 110 {
		return s[:110] + "…"
	}
	return s
}
