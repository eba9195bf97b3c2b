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
  prscope [flags] https://github.com/OWNER/REPO/pull/N
  prscope --demo [OWNER/REPO[#N]]       the embedded demo: no network, no token
                                        (default kernel-patches/bpf#11)
  prscope dump [flags] OWNER/REPO#N     print a PR, its timeline and the messages
                                        of the commits that reference it, as JSON
  prscope dump [flags] OWNER/REPO [--limit N]
                                        print the newest N PRs as JSON (default 30)
  prscope cache [--cache-dir DIR]       where the cache is, its entries and size
  prscope cache clear                   empty the cache
  prscope config [--config FILE] [OWNER/REPO]
                                        the configuration in force, and where
                                        each value comes from

Flags:
  --demo            use the embedded demo data, served locally
  --api-url URL     REST API base URL, used as given (env PRSCOPE_API_URL;
                    default https://api.github.com/)
  --state STATE     open, closed or all (default all)
  --limit N         with dump OWNER/REPO: how many PRs (default 30)
  --timeout D       per-request timeout (default 30s)
  --insecure        allow sending the token over plain http to another host
  --offline         no network at all: show only what is cached
  --no-cache        neither read nor write the cache
  --no-mouse        leave the mouse to the terminal (select text as usual)
  --cache-dir DIR   where the cache lives (default $XDG_CACHE_HOME/prscope,
                    else ~/.cache/prscope); --demo keeps its own in DIR/demo
  --config FILE     the config file (default $XDG_CONFIG_HOME/prscope/config.yml,
                    else ~/.config/prscope/config.yml; see README "Configuration")
  --version         print the version
  -h, --help        this help

Auth: a token is taken from GH_TOKEN, else GITHUB_TOKEN. Without one,
requests are anonymous (60 an hour) and the status bar says so.

Cache: answers are kept on disk (never the token). A second look within
GitHub's max-age costs no request; after it, a conditional request that
GitHub answers "not modified" without counting it against the rate limit.
When the network or the rate limit fails, the cached copy is shown.

Examples:
  prscope --demo
  prscope kernel-patches/bpf
  prscope kernel-patches/bpf#11
  prscope --state open https://github.com/kernel-patches/bpf/pull/11
  prscope dump --demo kernel-patches/bpf#11 | jq '.timeline | length'
  prscope dump --limit 5 kernel-patches/bpf
  prscope --offline kernel-patches/bpf#11
  prscope cache clear
  PRSCOPE_API_URL=https://ghe.example.com/api/v3/ prscope acme/widgets
`

var errHelp = errors.New("help requested")

// options is the parsed command line.
type options struct {
	dump    bool
	demo    bool
	version bool
	// insecure allows sending the token over plain HTTP to a host that is
	// not this machine.
	insecure bool
	// offline sends nothing: only what the cache holds is shown.
	offline bool
	// noCache neither reads nor writes the cache.
	noCache  bool
	noMouse  bool   // the terminal keeps the mouse: no wheel or clicks
	cacheDir string // "": github.DefaultCacheDir()
	// cacheCmd is the cache subcommand: "show" or "clear"; "" for none.
	cacheCmd string
	apiURL   string
	token    string
	state    string
	limit    int
	timeout  time.Duration
	target   model.Target

	// configCmd is `prscope config`: print the configuration in force.
	configCmd  bool
	configFile string            // --config; "" for the default place
	stateGiven bool              // --state was given: it beats the config
	conf       *config.Effective // the configuration in force (loadConfig)
}

// demoTarget is what --demo opens with no argument: the real PR the demo
// data was rebuilt from.
const demoTarget = "kernel-patches/bpf#11"

// parseArgs reads the command line. Flags may come before or after the
// arguments (`prscope dump OWNER/REPO --limit 5`). Every error is a one-line
// usage error.
func parseArgs(args []string, getenv func(string) string) (options, error) {
	o := options{}
	fs := flag.NewFlagSet("prscope", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.demo, "demo", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	fs.StringVar(&o.apiURL, "api-url", "", "")
	fs.BoolVar(&o.insecure, "insecure", false, "")
	fs.BoolVar(&o.offline, "offline", false, "")
	fs.BoolVar(&o.noCache, "no-cache", false, "")
	fs.BoolVar(&o.noMouse, "no-mouse", false, "")
	fs.StringVar(&o.cacheDir, "cache-dir", "", "")
	fs.StringVar(&o.state, "state", "all", "")
	fs.IntVar(&o.limit, "limit", 30, "")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "")
	fs.StringVar(&o.configFile, "config", "", "")

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
	case len(positional) > 1:
		return o, fmt.Errorf("unexpected argument %q: give one OWNER/REPO[#N]", positional[1])
	}

	spec := ""
	switch {
	case len(positional) == 1:
		spec = positional[0]
	case o.demo && !o.dump && !o.configCmd:
		spec = demoTarget
	}
	// With no OWNER/REPO the target stays empty: loadConfig fills it in
	// from defaultRepo, or says it is missing.
	if spec != "" {
		t, err := model.ParseTarget(spec)
		if err != nil {
			return o, err
		}
		o.target = t
		if limitSet && t.Number != 0 {
			return o, errors.New("--limit only applies to dump OWNER/REPO, not to one PR")
		}
	}

	if o.apiURL == "" {
		o.apiURL = getenv("PRSCOPE_API_URL")
	}
	if !o.demo {
		o.token = getenv("GH_TOKEN")
		if o.token == "" {
			o.token = getenv("GITHUB_TOKEN")
		}
	}
	if err := checkTokenTransport(o); err != nil {
		return o, err
	}
	return o, nil
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
		want := map[string]string{"timeout": "a duration such as 30s or 2m", "limit": "a whole number"}[name]
		if want == "" {
			want = "see prscope --help"
		}
		return fmt.Errorf("invalid --%s %s: want %s", name, value, want)
	}
	return fmt.Errorf("%s (see prscope --help)", msg)
}
