package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/prscope/prscope/ui/common"
)

// Inputs are everything a setting can come from.
type Inputs struct {
	File *File // nil when there is no config file
	// ConfigName and ConfigSource say which file was read and why (e.g.
	// "flag --config"), for `prscope config`.
	ConfigName, ConfigSource string
	// Repo is the repository browsed (picks the repos: section) and
	// RepoSource where it came from; both "" when there is none.
	Repo, RepoSource string
	Getenv           func(string) string
	// Flags are the flags given on the command line, by name ("state").
	Flags map[string]string
	// Keys makes the UI's default key maps (ui.ConfigKeys), which the
	// file's keybindings are applied to.
	Keys func() KeyMap
}

// Effective is the configuration in force, with where each value came from.
type Effective struct {
	Repo     string
	Filters  Filters
	PageSize int
	Dates    common.DateStyle
	Prefetch bool
	Theme    common.Theme
	Keys     KeyMap
	entries  []Entry
}

// Entry is one line of `prscope config`.
type Entry struct{ Name, Value, Source string }

// The settings a flag, an environment variable, a repos: section and the
// top level can all give, in the order they print; and each one's default.
var scalars = []struct {
	name, flag, env, def string
}{
	{"filters.state", "state", "PRSCOPE_STATE", "all"},
	{"filters.author", "author", "", ""},
	{"filters.base", "base", "", ""},
	{"filters.head", "head", "", ""},
	{"filters.label", "label", "", ""},
	{"page_size", "page-size", "PRSCOPE_PAGE_SIZE", strconv.Itoa(MaxPageSize)},
	{"dates", "dates", "PRSCOPE_DATES", ""},
	{"prefetch", "", "PRSCOPE_PREFETCH", "false"},
}

// EnvNames are the environment variables Resolve reads.
func EnvNames() []string {
	var out []string
	for _, s := range scalars {
		if s.env != "" {
			out = append(out, s.env)
		}
	}
	return out
}

// Resolve merges, strongest first: command-line flag, environment
// variable, the repos: section for in.Repo, the file's top level, the
// built-in default. An error is a bad value in a flag or the environment
// (the file's were checked by Decode).
func Resolve(in Inputs) (Effective, error) {
	getenv := in.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	e := Effective{Repo: in.Repo, Keys: in.Keys(), Theme: common.Theme{}}
	cfgName, cfgSource := in.ConfigName, in.ConfigSource
	if cfgName == "" {
		cfgName = "(none)"
	}
	e.add("config", cfgName, cfgSource)
	repo, repoSource := in.Repo, in.RepoSource
	if repo == "" {
		repo, repoSource = "(none)", "default"
	}
	e.add("repo", repo, repoSource)

	var section *Settings
	if in.File != nil && in.Repo != "" {
		for name, s := range in.File.Repos {
			if strings.EqualFold(name, in.Repo) {
				section = &s
			}
		}
	}
	for _, sc := range scalars {
		value, source := sc.def, "default"
		if in.File != nil {
			if v, line, ok := in.File.Settings.get(sc.name); ok {
				value, source = v, fmt.Sprintf("%s:%d", in.File.Name, line)
			}
			if section != nil {
				if v, line, ok := section.get(sc.name); ok {
					value, source = v, fmt.Sprintf("%s:%d", in.File.Name, line)
				}
			}
		}
		if v := getenv(sc.env); sc.env != "" && v != "" {
			if p := problem(sc.name, v); p != "" {
				return e, fmt.Errorf("env %s: %s", sc.env, p)
			}
			value, source = v, "env "+sc.env
		}
		if v, ok := in.Flags[sc.flag]; ok {
			if p := problem(sc.name, v); p != "" {
				return e, fmt.Errorf("invalid --%s: %s", sc.flag, p)
			}
			value, source = v, "flag --"+sc.flag
		}
		e.set(sc.name, value)
		e.add(sc.name, display(sc.name, value), source)
	}

	keySource := map[string]string{}
	if in.File != nil {
		for name, c := range in.File.Theme {
			e.Theme[name] = c
		}
		for _, b := range in.File.Keybindings {
			if keySource[b.Action] == "" {
				keySource[b.Action] = fmt.Sprintf("%s:%d", in.File.Name, b.Line)
			}
		}
	}
	var bindings []Binding
	if in.File != nil {
		bindings = in.File.Keybindings
	}
	if err := e.Keys.Bind(bindings); err != nil {
		return e, err // Decode checked these: only a File built by hand gets here
	}
	for _, name := range common.ThemeNames() {
		c, ok := e.Theme[name]
		if !ok {
			e.add("theme."+name, "default", "default")
			continue
		}
		value := c.Light
		if c.Light != c.Dark {
			value = fmt.Sprintf("light %s, dark %s", c.Light, c.Dark)
		}
		e.add("theme."+name, value, fmt.Sprintf("%s:%d", in.File.Name, in.File.Settings.Lines["theme."+name]))
	}
	for _, name := range e.Keys.Actions() {
		source := keySource[name]
		if source == "" {
			source = "default"
		}
		keys := e.Keys.Keys(name)
		for i, k := range keys {
			keys[i] = common.KeyHelp(k)
		}
		e.add("keybindings."+name, strings.Join(keys, " "), source)
	}
	return e, nil
}

// get is a setting given at this level, and its line.
func (s Settings) get(name string) (string, int, bool) {
	line, ok := s.Lines[name]
	if !ok {
		return "", 0, false
	}
	if f := s.Filters.setting(name); f != nil {
		return *f, line, true
	}
	switch name {
	case "page_size":
		return strconv.Itoa(s.PageSize), line, true
	case "dates":
		return string(s.Dates), line, true
	case "prefetch":
		return strconv.FormatBool(s.Prefetch), line, true
	}
	return "", 0, false
}

func (e *Effective) set(name, v string) {
	if f := e.Filters.setting(name); f != nil {
		*f = v
		return
	}
	switch name {
	case "page_size":
		e.PageSize, _ = strconv.Atoi(v)
	case "dates":
		e.Dates = common.DateStyle(v)
	case "prefetch":
		e.Prefetch = v == "true"
	}
}

// problem checks a value from a flag or the environment as Decode checks
// the file's.
func problem(name, v string) string {
	switch name {
	case "filters.state":
		if !contains(states, v) {
			return fmt.Sprintf("%q is not one of %s", v, strings.Join(states, ", "))
		}
	case "page_size":
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Sprintf("%q is not a whole number 1..%d", v, MaxPageSize)
		}
		return PageSizeProblem(n)
	case "prefetch":
		if v != "true" && v != "false" {
			return fmt.Sprintf("%q is not true or false", v)
		}
	case "dates":
		if !contains(dateStyles, v) {
			return fmt.Sprintf("%q is not one of %s", v, strings.Join(dateStyles, ", "))
		}
	}
	return ""
}

func display(name, v string) string {
	switch {
	case v != "":
		return v
	case name == "dates":
		return "mixed (relative ages, absolute timestamps)"
	}
	return "(any)"
}

func (e *Effective) add(name, value, source string) {
	e.entries = append(e.entries, Entry{name, value, source})
}

// Entries are the lines of `prscope config`, in a stable order.
func (e Effective) Entries() []Entry { return e.entries }

// String is `prscope config`'s text: one setting a line, its value, and
// where it came from.
func (e Effective) String() string {
	// Columns as wide as their widest entry (at least the usual), so a
	// long key or value never pushes its source out of line.
	nameW, valueW := 22, 30
	for _, en := range e.entries {
		nameW = max(nameW, utf8.RuneCountInString(en.Name))
		valueW = max(valueW, utf8.RuneCountInString(sanitize(en.Value)))
	}
	var b strings.Builder
	for _, en := range e.entries {
		fmt.Fprintf(&b, "%-*s %-*s %s\n", nameW, en.Name, valueW, sanitize(en.Value), en.Source)
	}
	return b.String()
}

// sanitize keeps a value from the file or the environment from writing
// escapes to the terminal.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

// setting is the filter a setting's full name ("filters.author") names.
func (f *Filters) setting(name string) *string {
	short, ok := strings.CutPrefix(name, "filters.")
	if !ok {
		return nil
	}
	return f.field(short)
}
