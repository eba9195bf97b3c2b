// Command prscope browses the history of GitHub pull requests in the terminal.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github/fake"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui"
	"github.com/prscope/prscope/ui/detail"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the module version Go recorded is used.
var version = ""

// Exit statuses.
const (
	exitOK    = 0
	exitAPI   = 1 // the API or the network failed
	exitUsage = 2 // the command line was wrong
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// run is main without the process: testable end to end.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	opts, err := parseArgs(args, getenv)
	if err != nil {
		if errors.Is(err, errHelp) {
			fmt.Fprint(stdout, usageText)
			return exitOK
		}
		fmt.Fprintf(stderr, "prscope: %v\n", err)
		return exitUsage
	}
	if opts.version {
		fmt.Fprintf(stdout, "prscope %s\n", versionString())
		return exitOK
	}
	if opts.docs != "" {
		if err := writeDocs(stdout, opts.docs); err != nil {
			fmt.Fprintf(stderr, "prscope: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	if opts.completion != "" {
		if err := writeCompletion(stdout, opts.completion); err != nil {
			fmt.Fprintf(stderr, "prscope: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	if opts.cacheCmd == "" {
		// A broken config stops everything but the cache commands.
		if err := loadConfig(&opts, getenv); err != nil {
			fmt.Fprintf(stderr, "prscope: %v\n", err)
			return exitUsage
		}
	}
	if opts.configCmd {
		fmt.Fprint(stdout, opts.conf.String())
		return exitOK
	}
	if opts.cacheCmd != "" {
		if err := cacheCommand(stdout, opts); err != nil {
			fmt.Fprintf(stderr, "prscope: %v\n", err)
			return exitAPI
		}
		return exitOK
	}

	env, err := opts.connect()
	if env.warning != "" {
		fmt.Fprintf(stderr, "prscope: warning: %s\n", env.warning)
	}
	if err != nil {
		fmt.Fprintf(stderr, "prscope: %v\n", err)
		var usage *model.UsageError
		if errors.As(err, &usage) {
			return exitUsage
		}
		return exitAPI
	}
	defer env.close()

	if opts.dump {
		err := dump(context.Background(), stdout, stderr, env.client, opts)
		if note := env.staleNote(); note != "" {
			fmt.Fprintf(stderr, "prscope: %s\n", note)
		}
		if err != nil {
			fmt.Fprintf(stderr, "prscope: %v\n", err)
			return exitAPI
		}
		return exitOK
	}

	cfg := ui.Config{
		Repo:   opts.target.Repo,
		Number: opts.target.Number,
		State:  opts.state,
		Source: env.client,
		Demo:   opts.demo,
		// From the config: page size, key remaps, colours, dates.
		PerPage:  opts.conf.PageSize,
		Prefetch: opts.conf.Prefetch,
		Keys:     ui.KeyMapsOf(opts.conf.Keys),
		Theme:    opts.conf.Theme,
		Dates:    opts.conf.Dates,
		// o and y/Y: the browser, and the terminal for OSC 52 copies.
		OpenURL:   opener(getenv),
		Clipboard: os.Stdout,
		ASCII:     opts.ascii,
		Search:    opts.search,
		// Chosen once, before the program takes the terminal: asking it
		// for its background later would read from the keyboard's input.
		MarkdownStyle: markdownStyle(getenv, lipgloss.HasDarkBackground),
	}
	progOpts := []tea.ProgramOption{tea.WithAltScreen()}
	if !opts.noMouse {
		// Cell motion reports the wheel and clicks, not every movement.
		progOpts = append(progOpts, tea.WithMouseCellMotion())
	}
	// One tab per repository named; each its own list, detail and state.
	cfgs := []ui.Config{cfg}
	for _, t := range opts.more {
		more := cfg
		more.Repo, more.Number = t.Repo, t.Number
		cfgs = append(cfgs, more)
	}
	p := tea.NewProgram(ui.NewTabs(cfgs...), progOpts...)
	if _, err := p.Run(); err != nil {
		fmt.Fprintf(stderr, "prscope: %v\n", err)
		return exitAPI
	}
	return exitOK
}

// markdownStyle is how PR bodies and comments are drawn: without colour
// when NO_COLOR is set to anything (no-color.org), else glamour's style for
// the terminal's background. darkBackground is only asked when needed.
func markdownStyle(getenv func(string) string, darkBackground func() bool) detail.MarkdownStyle {
	switch {
	case getenv("NO_COLOR") != "":
		return detail.MarkdownPlain
	case darkBackground():
		return detail.MarkdownDark
	}
	return detail.MarkdownLight
}

// environment is the client and, for --demo, the fake server behind it.
type environment struct {
	client  *github.Client
	server  *fake.FakeServer
	warning string // something the user should know, e.g. that there is no cache
	cache   *httpcache.Cache
}

// staleNote is the cache's word on copies served for a rate limit.
func (e environment) staleNote() string {
	if e.cache == nil {
		return ""
	}
	return e.cache.StaleNote()
}

func (e environment) close() {
	if e.server != nil {
		e.server.Close()
	}
}

// connect builds the API client: against the embedded demo served on
// 127.0.0.1 for --demo, else the real API.
func (o options) connect() (environment, error) {
	cache, err := o.openCache()
	var env environment
	env.cache = cache
	if err != nil {
		if o.offline {
			return env, fmt.Errorf("--offline needs the cache: %w", err)
		}
		env.warning = fmt.Sprintf("%v; going on without a cache", err)
	}
	if !o.demo {
		c, err := github.NewClient(github.Options{BaseURL: o.apiURL, Token: o.token, Timeout: o.timeout, Cache: cache, Offline: o.offline})
		if err != nil {
			// Only a malformed --api-url or PRSCOPE_API_URL gets here: a
			// mistake on the command line, not a failure of the API.
			return env, &model.UsageError{Msg: err.Error()}
		}
		env.client = c
		return env, nil
	}
	ds, err := fake.DemoDataset()
	if err != nil {
		return env, fmt.Errorf("demo data: %w", err)
	}
	fakeOpts := fake.FakeOptions{}
	switch {
	case o.latencySet:
		fakeOpts.MinLatency, fakeOpts.MaxLatency = o.demoLatency, o.demoLatency
	case !o.dump:
		// A little latency so loading states are real, as they are on GitHub.
		fakeOpts.MinLatency, fakeOpts.MaxLatency = 50*time.Millisecond, 150*time.Millisecond
	}
	srv, err := fake.NewFakeServer(ds, fakeOpts)
	if err != nil {
		return env, fmt.Errorf("demo server: %w", err)
	}
	c, err := github.NewClient(github.Options{BaseURL: srv.URL, Timeout: o.timeout, Cache: cache, Offline: o.offline,
		NotFoundHint: demoNotFoundHint(ds)})
	if err != nil {
		srv.Close()
		return env, err
	}
	env.client, env.server = c, srv
	return env, nil
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// demoNotFoundHint is what a 404 says in the demo, where no token or name
// check can help: which repositories the demo has.
func demoNotFoundHint(ds *fake.Dataset) string {
	var repos []string
	for name, r := range ds.Repos {
		if len(r.Pulls) > 0 { // the others only hold forks' commits
			repos = append(repos, name)
		}
	}
	sort.Strings(repos)
	return "the demo serves only the pull requests of " + strings.Join(repos, " and ")
}
