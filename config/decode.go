package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// The keys each level accepts, in the order error messages list them.
var (
	topKeys      = []string{"repo", "filters", "page_size", "dates", "prefetch", "theme", "keybindings", "repos"}
	sectionKeys  = []string{"filters", "page_size", "dates", "prefetch"}
	filterKeys   = []string{"state", "author", "base", "head", "label"}
	bindingKeys  = []string{"key", "action"}
	adaptiveKeys = []string{"light", "dark"}
	states       = []string{"open", "closed", "all"}
	dateStyles   = []string{string(common.DatesRelative), string(common.DatesAbsolute)}
)

// MaxPageSize is GitHub's largest page.
const MaxPageSize = 100

// decoder walks the YAML tree; the first problem found stops it.
type decoder struct {
	name string
	keys func() KeyMap // the UI's default key maps, to check keybindings against
}

func (d decoder) errorf(n *yaml.Node, key, format string, args ...any) error {
	return &Error{File: d.name, Line: n.Line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Decode reads a config file's bytes; name is how errors name the file, and
// keys makes the UI's default key maps the keybindings are checked
// against (ui.ConfigKeys).
// Walking yaml.Node rather than unmarshalling into a struct is what lets
// every error carry the line and the key, and lets unknown keys be refused
// instead of silently dropped.
func Decode(name string, data []byte, keys func() KeyMap) (File, error) {
	f := File{Name: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return f, syntaxError(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return f, nil // empty, or only comments
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return f, nil
	}
	d := decoder{name: name, keys: keys}
	fields, err := d.mapping(root, "", topKeys)
	if err != nil {
		return f, err
	}
	f.Settings.Lines = map[string]int{}
	for _, kv := range fields {
		k, v := kv.key.Value, kv.value
		switch k {
		case "repo":
			if f.Repo, err = d.repo(v, "repo"); err != nil {
				return f, err
			}
			f.Settings.Lines["repo"] = v.Line
		case "theme":
			if f.Theme, err = d.theme(v, f.Settings.Lines); err != nil {
				return f, err
			}
		case "keybindings":
			if f.Keybindings, err = d.keybindings(v); err != nil {
				return f, err
			}
		case "repos":
			if f.Repos, err = d.repos(v); err != nil {
				return f, err
			}
		default:
			if err := d.setting(&f.Settings, k, v, ""); err != nil {
				return f, err
			}
		}
	}
	return f, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError places the YAML parser's message at its line.
func syntaxError(name string, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: name, Line: line, Msg: "not valid YAML: " + m[2]}
	}
	return &Error{File: name, Msg: "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

type field struct{ key, value *yaml.Node }

// mapping checks n is a mapping whose keys are all in allowed (any key
// when allowed is nil), each once, and returns its pairs in order.
func (d decoder) mapping(n *yaml.Node, path string, allowed []string) ([]field, error) {
	n = resolveAlias(n)
	if n.Kind != yaml.MappingNode {
		return nil, &Error{File: d.name, Line: n.Line, Key: path, Msg: fmt.Sprintf("want a mapping of settings, not %s", describe(n))}
	}
	seen := map[string]int{}
	var out []field
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		if k.Tag == "!!merge" {
			return nil, d.errorf(k, join(path, "<<"), "merge keys are not supported: write the settings out")
		}
		if k.Kind != yaml.ScalarNode {
			return nil, d.errorf(k, path, "want a name as key, not %s", describe(k))
		}
		kp := join(path, k.Value)
		if allowed != nil && !contains(allowed, k.Value) {
			return nil, d.errorf(k, kp, "unknown key%s; want one of %s", didYouMean(k.Value, allowed), strings.Join(allowed, ", "))
		}
		if first, dup := seen[k.Value]; dup {
			return nil, d.errorf(k, kp, "given twice (first on line %d)", first)
		}
		seen[k.Value] = k.Line
		out = append(out, field{k, v})
	}
	return out, nil
}

// setting decodes one of the keys a repos: section shares with the top
// level into s.
func (d decoder) setting(s *Settings, k string, v *yaml.Node, prefix string) error {
	path := join(prefix, k)
	switch k {
	case "filters":
		fields, err := d.mapping(v, path, filterKeys)
		if err != nil {
			return err
		}
		for _, kv := range fields {
			fk, fp := kv.key.Value, join(path, kv.key.Value)
			val, err := d.filter(kv.value, fk, fp)
			if err != nil {
				return err
			}
			s.Lines["filters."+fk] = kv.value.Line
			if f := s.Filters.field(fk); f != nil {
				*f = val
			}
		}
	case "page_size":
		n, err := d.pageSize(v, path)
		if err != nil {
			return err
		}
		s.PageSize = n
		s.Lines[k] = v.Line
	case "dates":
		val, err := d.scalar(v, path)
		if err != nil {
			return err
		}
		if !contains(dateStyles, val) {
			return d.errorf(v, path, "%q is not one of %s", val, strings.Join(dateStyles, ", "))
		}
		s.Dates = common.DateStyle(val)
		s.Lines[k] = v.Line
	case "prefetch":
		val, err := d.scalar(v, path)
		if err != nil {
			return err
		}
		if val != "true" && val != "false" {
			return d.errorf(v, path, "%q is not true or false", val)
		}
		s.Prefetch = val == "true"
		s.Lines[k] = v.Line
	}
	return nil
}

func (d decoder) filter(v *yaml.Node, name, path string) (string, error) {
	val, err := d.scalar(v, path)
	if err != nil {
		return "", err
	}
	if name == "state" {
		if !contains(states, val) {
			return "", d.errorf(v, path, "%q is not one of %s", val, strings.Join(states, ", "))
		}
		return val, nil
	}
	// Logins, branches and labels: searched for, never run; only refuse
	// what no such name can hold.
	if val == "" || strings.IndexFunc(val, unicode.IsControl) >= 0 || (name != "label" && strings.IndexFunc(val, unicode.IsSpace) >= 0) {
		return "", d.errorf(v, path, "%q is not a valid %s", val, name)
	}
	return val, nil
}

// PageSizeProblem says what is wrong with a page size, or "".
func PageSizeProblem(n int) string {
	if n < 1 || n > MaxPageSize {
		return fmt.Sprintf("%d is out of range: want 1..%d", n, MaxPageSize)
	}
	return ""
}

func (d decoder) pageSize(v *yaml.Node, path string) (int, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
		return 0, d.errorf(v, path, "want a whole number 1..%d, not %s", MaxPageSize, describe(v))
	}
	n, err := strconv.Atoi(v.Value)
	if err != nil {
		return 0, d.errorf(v, path, "%q is not a whole number 1..%d", v.Value, MaxPageSize)
	}
	if p := PageSizeProblem(n); p != "" {
		return 0, d.errorf(v, path, "%s", p)
	}
	return n, nil
}

// scalar is a plain value: a string, or a number or bool read as written.
func (d decoder) scalar(v *yaml.Node, path string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", d.errorf(v, path, "want a value, not %s", describe(v))
	}
	return v.Value, nil
}

func (d decoder) repo(v *yaml.Node, path string) (string, error) {
	val, err := d.scalar(v, path)
	if err != nil {
		return "", err
	}
	if problem := RepoProblem(val); problem != "" {
		return "", d.errorf(v, path, "%s", problem)
	}
	return val, nil
}

// RepoProblem says why s is not OWNER/REPO, or "".
func RepoProblem(s string) string {
	if strings.ContainsAny(s, "#:") || strings.Count(s, "/") != 1 {
		return fmt.Sprintf("%q is not OWNER/REPO", s)
	}
	if _, err := model.ParseTarget(s); err != nil {
		return err.Error()
	}
	return ""
}

func (d decoder) repos(v *yaml.Node) (map[string]Settings, error) {
	fields, err := d.mapping(v, "repos", nil)
	if err != nil {
		return nil, err
	}
	out := map[string]Settings{}
	// GitHub's names ignore case, so two sections differing only in case
	// are the same repository. RepoProblem allows ASCII only, where
	// ToLower is EqualFold: one map lookup per section keeps a config of
	// tens of thousands of repos linear.
	byFold := make(map[string]string, len(fields))
	for _, kv := range fields {
		name := kv.key.Value
		path := "repos." + name
		if p := RepoProblem(name); p != "" {
			return nil, d.errorf(kv.key, path, "%s", p)
		}
		fold := strings.ToLower(name)
		if other, dup := byFold[fold]; dup {
			return nil, d.errorf(kv.key, path, "a section for %s is already given", other)
		}
		byFold[fold] = name
		s := Settings{Lines: map[string]int{}}
		sf, err := d.mapping(kv.value, path, sectionKeys)
		if err != nil {
			return nil, err
		}
		for _, f := range sf {
			if err := d.setting(&s, f.key.Value, f.value, path); err != nil {
				return nil, err
			}
		}
		out[name] = s
	}
	return out, nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return strconv.Quote(n.Value)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// didYouMean is " (did you mean KEY?)" for the allowed key within two
// edits of key (a typo: prefech, pagesize), else "".
func didYouMean(key string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if d := editDistance(strings.ToLower(key), a); d < bestD {
			best, bestD = a, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// editDistance is the Levenshtein distance between a and b, by bytes
// (keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
