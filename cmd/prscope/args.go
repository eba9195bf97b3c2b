package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/prscope/prscope/config"
	"github.com/prscope/prscope/model"
)

const usageText = `prscope — browse the history of GitHub pull requests in the terminal.

Usage:
  prscope [flags] OWNER/REPO            browse a repository's pull requests
  prscope [flags] OWNER/REPO#N          ... with PR N selected and open
  prscope [flags] OWNER/REPO OWNER/REPO...
                                        one tab per repository ([ and ] switch)
  prscope [flags] https://github.com/OWNER/REPO/pull/N
  prscope [flags]                       the repository of GH_REPO, else the
                                        config's repo:, else the current
                                        directory's git remote
  prscope --demo [OWNER/REPO[#N]]       the embedded demo: no network, no token
                                        (default kernel-patches/bpf#11)
  prscope dump [flags] OWNER/REPO#N     print a PR, its timeline and the messages
                                        of the commits that reference it, as JSON
  prscope dump [flags] OWNER/REPO [--limit N]
                                        print the newest N PRs as JSON (default 30)
  prscope [flags] OWNER/REPO --search QUERY
                                        open with the PRs GitHub's search finds
  prscope dump [flags] OWNER/REPO --search QUERY [--limit N]
                                        print the PRs the search finds, as JSON
  prscope cache [--cache-dir DIR]       where the cache is, its entries and size
  prscope cache clear                   empty the cache
  prscope completion bash|zsh|fish      print a shell completion script
  prscope docs markdown|man             print the reference (flags and keys)
  prscope config [--config FILE] [OWNER/REPO]
                                        the configuration in force, and where
                                        each value comes from

Flags:
  --demo            use the embedded demo data, served locally
  --demo-latency D  with --demo: every request takes D, e.g. 200ms, to see or
                    measure prscope at a real network's latency (env
                    PRSCOPE_DEMO_LATENCY; default 50-150ms, none for dump)
  --hostname HOST   the GitHub host: github.com (default) or a GitHub
                    Enterprise Server, whose API is https://HOST/api/v3/
                    (env GH_HOST, as gh)
  --api-url URL     REST API base URL, used as given (env PRSCOPE_API_URL;
                    default from the host: https://api.github.com/)
  --state STATE     open, closed or all (default all)
  --limit N         with dump OWNER/REPO: how many PRs (default 30)
  --logs            with dump OWNER/REPO#N: read each failed CI job's log for
                    its failing tests and first error (one download a job)
  --author LOGIN    only PRs by LOGIN (app/NAME for a bot)
  --base BRANCH     only PRs into BRANCH
  --head BRANCH     only PRs from BRANCH
  --label NAME      only PRs labelled NAME; these four go through GitHub's
                    search: the list opens as one (s edits it; esc shows all)
  --search QUERY    GitHub search syntax (is:open label:bpf author:alice …)
                    within OWNER/REPO's pull requests; in the UI, s searches
  --timeout D       per-request timeout (default 30s)
  --insecure        allow sending the token over plain http to another host
  --offline         no network at all: show only what is cached
  --no-cache        neither read nor write the cache
  --no-mouse        leave the mouse to the terminal (select text as usual)
  --ascii           draw only ASCII: no box-drawing or other glyphs
  --cache-dir DIR   where the cache lives (default $XDG_CACHE_HOME/prscope,
                    else ~/.cache/prscope); --demo keeps its own in DIR/demo
  --config FILE     the config file (default $XDG_CONFIG_HOME/prscope/config.yml,
                    else ~/.config/prscope/config.yml; see README "Configuration")
  --version         print the version
  -h, --help        this help

Auth, as gh: GH_TOKEN, else GITHUB_TOKEN (for github.com); for an
enterprise host GH_ENTERPRISE_TOKEN, else GITHUB_ENTERPRISE_TOKEN; else
gh's own login (gh auth login: its hosts.yml, or the system keyring via
gh auth token). Without a token requests are anonymous (60 an hour). The
status bar shows the login in use, or "anonymous".

Hosts: a pull request URL's host, else --hostname, GH_HOST, the one host
gh is logged in to, github.com.

Repository: with no OWNER/REPO, GH_REPO ([HOST/]OWNER/REPO), else repo:
in the config file, else the current git repository's remote on a GitHub
host: upstream, then github, then origin, then the others (a remote chosen
by gh repo set-default first).

Cache: answers are kept on disk (never the token). A second look within
GitHub's max-age costs no request; after it, a conditional request that
GitHub answers "not modified" without counting it against the rate limit.
When the network or the rate limit fails, the cached copy is shown.

Examples:
  prscope --demo
  prscope kernel-patches/bpf
  prscope kernel-patches/bpf#11
  prscope kernel-patches/bpf kernel-patches/vmtest
  prscope --state open https://github.com/kernel-patches/bpf/pull/11
  prscope dump --demo kernel-patches/bpf#11 | jq '.timeline | length'
  prscope dump --limit 5 kernel-patches/bpf
  prscope kernel-patches/bpf --search 'is:open label:bpf author:alice'
  prscope kernel-patches/bpf --state open --author app/kernel-patches-daemon-bpf --base bpf-next
  prscope dump --demo kernel-patches/bpf --search 'verifier is:merged'
  prscope --offline kernel-patches/bpf#11
  prscope cache clear
  prscope config
  source <(prscope completion bash)
  prscope --hostname ghe.example.com acme/widgets
  prscope https://ghe.example.com/acme/widgets/pull/5
  cd ~/src/widgets && prscope
  PRSCOPE_API_URL=https://ghe.example.com/api/v3/ prscope acme/widgets
`

var errHelp = errors.New("help requested")

// options is the parsed command line.
type options struct {
	dump bool
	demo bool
	// demoLatency is --demo-latency (or PRSCOPE_DEMO_LATENCY) when
	// latencySet; else the demo keeps its own default.
	demoLatency time.Duration
	latencySet  bool
	version     bool
	// insecure allows sending the token over plain HTTP to a host that is
	// not this machine.
	insecure bool
	// offline sends nothing: only what the cache holds is shown.
	offline bool
	// noCache neither reads nor writes the cache.
	noCache  bool
	noMouse  bool   // the terminal keeps the mouse: no wheel or clicks
	ascii    bool   // draw every glyph as ASCII
	cacheDir string // "": httpcache.DefaultCacheDir()
	// cacheCmd is the cache subcommand: "show" or "clear"; "" for none.
	cacheCmd string
	// completion is the shell to print a completion script for; "" for none.
	completion string
	docs       string // "markdown" or "man": print the reference; "" for none
	apiURL     string
	hostname   string // --hostname as typed
	token      string
	state      string
	limit      int
	logs       bool // --logs: dump reads failed jobs' logs for their failing tests
	timeout    time.Duration
	target     model.Target
	search     string // --search: a query in GitHub's search syntax; "" for none
	filter     model.ListFilter
	more       []model.Target // further repositories, one tab each

	// configCmd is `prscope config`: print the configuration in force.
	configCmd  bool
	configFile string            // --config; "" for the default place
	stateGiven bool              // --state was given: it beats the config
	conf       *config.Effective // the configuration in force (loadConfig)
	repoSource string            // where the repository came from when none was named
}

// demoTarget is what --demo opens with no argument: the real PR the demo
// data was rebuilt from.
const demoTarget = "kernel-patches/bpf#11"

// newFlagSet defines every flag into o. Completions and the usage test read
// the flags from here, so what they offer is what parses.
func newFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("prscope", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.demo, "demo", false, "use the embedded demo data, served locally")
	fs.DurationVar(&o.demoLatency, "demo-latency", 0, "with --demo: every request takes this long")
	fs.BoolVar(&o.version, "version", false, "print the version")
	fs.StringVar(&o.apiURL, "api-url", "", "REST API base URL, used as given")
	fs.StringVar(&o.hostname, "hostname", "", "the GitHub host (github.com or an Enterprise host)")
	fs.BoolVar(&o.insecure, "insecure", false, "allow sending the token over plain http to another host")
	fs.BoolVar(&o.offline, "offline", false, "no network at all: show only what is cached")
	fs.BoolVar(&o.noCache, "no-cache", false, "neither read nor write the cache")
	fs.BoolVar(&o.noMouse, "no-mouse", false, "leave the mouse to the terminal")
	fs.BoolVar(&o.ascii, "ascii", false, "draw only ASCII: no box-drawing or other glyphs")
	fs.StringVar(&o.cacheDir, "cache-dir", "", "where the cache lives")
	fs.StringVar(&o.state, "state", "all", "open, closed or all")
	fs.IntVar(&o.limit, "limit", 30, "with dump OWNER/REPO: how many PRs")
	fs.BoolVar(&o.logs, "logs", false, "with dump OWNER/REPO#N: read failed CI jobs' logs too")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "per-request timeout")
	fs.StringVar(&o.search, "search", "", "open on a GitHub search of the repository's PRs")
	fs.StringVar(&o.configFile, "config", "", "the config file (default $XDG_CONFIG_HOME/prscope/config.yml)")
	fs.StringVar(&o.filter.Author, "author", "", "only PRs by this login (app/NAME for a bot)")
	fs.StringVar(&o.filter.Base, "base", "", "only PRs into this branch")
	fs.StringVar(&o.filter.Head, "head", "", "only PRs from this branch")
	fs.StringVar(&o.filter.Label, "label", "", "only PRs with this label")
	return fs
}

// moreTargets parses the repositories after the first, one tab each. They
// must be on the first one's host (one token, one API) and each named once.
func moreTargets(first model.Target, args []string) ([]model.Target, error) {
	seen := map[model.Repo]bool{first.Repo: true}
	var out []model.Target
	for _, arg := range args {
		t, err := model.ParseTarget(arg)
		if err != nil {
			return nil, err
		}
		if t.Host != first.Host && t.Host != "" && first.Host != "" {
			return nil, fmt.Errorf("%q is on %s, %s on %s: give repositories of one host", arg, t.Host, first.Repo, first.Host)
		}
		if seen[t.Repo] {
			return nil, fmt.Errorf("%s is named twice", t.Repo)
		}
		seen[t.Repo] = true
		out = append(out, t)
	}
	return out, nil
}

// parseArgs reads the command line. Flags may come before or after the
// arguments (`prscope dump OWNER/REPO --limit 5`). Every error is a one-line
// usage error.
func parseArgs(args []string, getenv func(string) string) (options, error) {
	o := options{}
	fs := newFlagSet(&o)

	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return o, errHelp
			}
			return o, flagError(err, args)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if o.version {
		return o, nil
	}
	fs.Visit(func(f *flag.Flag) { o.stateGiven = o.stateGiven || f.Name == "state" })
	switch {
	case o.noCache && o.cacheDir != "":
		return o, errors.New("--no-cache and --cache-dir contradict each other: give one")
	case o.noCache && o.offline:
		return o, errors.New("--offline shows only what is cached: it cannot go with --no-cache")
	}
	if len(positional) > 0 && positional[0] == "docs" {
		if len(positional) != 2 {
			return o, errors.New("docs needs a format: markdown or man")
		}
		o.docs = positional[1]
		return o, nil
	}
	if len(positional) > 0 && positional[0] == "completion" {
		if len(positional) != 2 {
			return o, errors.New("completion needs a shell: bash, zsh or fish")
		}
		o.completion = positional[1]
		return o, nil
	}
	if len(positional) > 0 && positional[0] == "cache" {
		return o, parseCacheCommand(&o, positional[1:])
	}
	if len(positional) > 0 && positional[0] == "config" {
		o.configCmd = true
		positional = positional[1:]
	} else if len(positional) > 0 && positional[0] == "dump" {
		o.dump = true
		positional = positional[1:]
	}

	limitSet := false
	fs.Visit(func(f *flag.Flag) { limitSet = limitSet || f.Name == "limit" })
	switch {
	case o.state != "open" && o.state != "closed" && o.state != "all":
		return o, fmt.Errorf("invalid --state %q: want open, closed or all", o.state)
	case o.limit < 1:
		return o, fmt.Errorf("invalid --limit %d: must be at least 1", o.limit)
	case limitSet && !o.dump:
		return o, errors.New("--limit only applies to dump OWNER/REPO")
	case o.timeout <= 0:
		return o, fmt.Errorf("invalid --timeout %s: must be positive", o.timeout)
	case len(positional) > 1 && o.dump:
		return o, fmt.Errorf("unexpected argument %q: dump takes one OWNER/REPO[#N]", positional[1])
	}

	if err := checkHostInputs(o.hostname, getenv); err != nil {
		return o, err // before the git remotes are picked by them
	}
	var t model.Target
	var err error
	switch {
	case len(positional) >= 1:
		t, err = model.ParseTarget(positional[0])
	case o.demo && !o.dump && !o.configCmd:
		t, err = model.ParseTarget(demoTarget)
	default: // GH_REPO, the config's repo:, the git remote
		t, err = o.targetFromContext(getenv)
	}
	if err != nil {
		return o, err
	}
	o.target = t
	if len(positional) > 1 {
		if o.more, err = moreTargets(t, positional[1:]); err != nil {
			return o, err
		}
	}
	logsSet := false
	fs.Visit(func(f *flag.Flag) { logsSet = logsSet || f.Name == "logs" })
	if logsSet && (!o.dump || t.Number == 0) {
		return o, errors.New("--logs only applies to dump OWNER/REPO#N")
	}
	if limitSet && t.Number != 0 {
		return o, errors.New("--limit only applies to dump OWNER/REPO, not to one PR")
	}
	if err := checkSearch(fs, o); err != nil {
		return o, err
	}

	if err := o.readDemoLatency(fs, getenv); err != nil {
		return o, err
	}
	if o.apiURL == "" {
		o.apiURL = getenv("PRSCOPE_API_URL")
	}
	if !o.demo {
		if err := o.resolveHost(getenv); err != nil {
			return o, err
		}
	}
	if err := checkTokenTransport(o); err != nil {
		return o, err
	}
	return o, nil
}

// readDemoLatency takes --demo-latency, else PRSCOPE_DEMO_LATENCY; it
// means something only to the demo's server.
func (o *options) readDemoLatency(fs *flag.FlagSet, getenv func(string) string) error {
	fs.Visit(func(f *flag.Flag) { o.latencySet = o.latencySet || f.Name == "demo-latency" })
	// The variable is for the demo alone: exported, it must not stop
	// every other run.
	if env := getenv("PRSCOPE_DEMO_LATENCY"); !o.latencySet && env != "" && o.demo {
		d, err := time.ParseDuration(env)
		if err != nil {
			return fmt.Errorf("PRSCOPE_DEMO_LATENCY=%q: want a duration such as 200ms", env)
		}
		o.demoLatency, o.latencySet = d, true
	}
	switch {
	case o.latencySet && !o.demo:
		return errors.New("--demo-latency only applies to --demo")
	case o.demoLatency < 0:
		return errors.New("--demo-latency must not be negative")
	}
	return nil
}

// parseCacheCommand reads what follows "cache": nothing, or "clear".
func parseCacheCommand(o *options, args []string) error {
	switch {
	case o.noCache:
		return errors.New("prscope cache: --no-cache makes no sense here")
	case len(args) == 0:
		o.cacheCmd = "show"
	case len(args) == 1 && args[0] == "clear":
		o.cacheCmd = "clear"
	case args[0] == "clear":
		return fmt.Errorf("unexpected argument %q: prscope cache [clear]", args[1])
	default:
		return fmt.Errorf("unexpected argument %q: prscope cache [clear]", args[0])
	}
	return nil
}

// checkTokenTransport refuses to send a token in clear text across a
// network: plain http is fine to this machine (a local proxy, the tests),
// and elsewhere only with --insecure.
func checkTokenTransport(o options) error {
	if o.token == "" || o.insecure || o.apiURL == "" {
		return nil
	}
	u, err := url.Parse(o.apiURL)
	if err != nil || u.Scheme != "http" || isLoopback(u.Hostname()) {
		return nil // a malformed URL is reported when the client is built
	}
	return fmt.Errorf("refusing to send your token over plain http to %s: use https, or --insecure", u.Host)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// flagError turns the flag package's messages into ours, naming a flag as
// the user spelled it (the flag package always says "-name").
func flagError(err error, args []string) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		for _, a := range args {
			if a == "-"+name || strings.HasPrefix(a, "-"+name+"=") {
				name = strings.SplitN(a, "=", 2)[0]
				break
			}
		}
		return fmt.Errorf("unknown flag %s (see prscope --help)", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Errorf("--%s needs a value (see prscope --help)", name)
	}
	if strings.HasPrefix(msg, "invalid value ") {
		// invalid value "5" for flag -timeout: parse error
		value, rest, _ := strings.Cut(strings.TrimPrefix(msg, "invalid value "), " for flag -")
		name, _, _ := strings.Cut(rest, ":")
		want := map[string]string{"timeout": "a duration such as 30s or 2m", "demo-latency": "a duration such as 200ms",
			"limit": "a whole number"}[name]
		if want == "" {
			want = "see prscope --help"
		}
		return fmt.Errorf("invalid --%s %s: want %s", name, value, want)
	}
	return fmt.Errorf("%s (see prscope --help)", msg)
}
