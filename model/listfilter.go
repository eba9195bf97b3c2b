package model

import (
	"fmt"
	"strings"
)

// ListFilter narrows a repository's PRs the way --author, --base, --head
// and --label do. GitHub's list endpoint filters only by base and head, so
// a filter is asked of the search API as qualifiers, which handle all four.
type ListFilter struct {
	Author, Base, Head, Label string
}

// IsZero reports a filter that lets every PR through.
func (f ListFilter) IsZero() bool { return f == ListFilter{} }

// Validate rejects values the search syntax cannot carry: logins and
// branch names never hold whitespace or quotes; a label may hold spaces
// (it is quoted) but not a quote.
func (f ListFilter) Validate() error {
	for _, field := range []struct{ flag, value string }{{"author", f.Author}, {"base", f.Base}, {"head", f.Head}} {
		if strings.ContainsAny(field.value, " \t\r\n\"") {
			return &UsageError{Msg: fmt.Sprintf("invalid --%s %q: no spaces or quotes", field.flag, field.value)}
		}
	}
	if strings.ContainsAny(f.Label, "\"\r\n") {
		return &UsageError{Msg: fmt.Sprintf("invalid --label %q: no quotes", f.Label)}
	}
	return nil
}

// Qualifiers is the filter in GitHub's search syntax, with state (open,
// closed or all) as is:open / is:closed: "is:open author:alice base:main
// label:\"good first issue\"". It is "" for no filter and state all.
func (f ListFilter) Qualifiers(state string) string {
	var q []string
	if state == StateOpen || state == StateClosed {
		q = append(q, "is:"+state)
	}
	for _, kv := range [][2]string{{"author", f.Author}, {"base", f.Base}, {"head", f.Head}, {"label", f.Label}} {
		if kv[1] == "" {
			continue
		}
		v := kv[1]
		if strings.ContainsAny(v, " \t") {
			v = `"` + v + `"`
		}
		q = append(q, kv[0]+":"+v)
	}
	return strings.Join(q, " ")
}

// SplitListFilter reads back what Qualifiers wrote: the author:, base:,
// head: and label: qualifiers of a search query (the last of each), its
// state (is:open / is:closed / state:…; "all" when none), and the rest of
// the query as typed, so a filter bar can edit the four fields and keep the
// words. A negated qualifier (-label:x) is no filter field: it stays in rest.
func SplitListFilter(query string) (f ListFilter, state, rest string) {
	state = "all"
	var kept []string
	for _, tok := range splitQueryTokens(query) {
		key, value, ok := strings.Cut(tok, ":")
		value = strings.Trim(value, `"`)
		switch {
		case !ok || value == "":
			kept = append(kept, tok)
		case key == "author":
			f.Author = value
		case key == "base":
			f.Base = value
		case key == "head":
			f.Head = value
		case key == "label":
			f.Label = value
		case (key == "is" || key == "state") && (value == StateOpen || value == StateClosed):
			state = value
		default:
			kept = append(kept, tok)
		}
	}
	return f, state, strings.Join(kept, " ")
}

// splitQueryTokens splits a search query on spaces outside double quotes.
func splitQueryTokens(query string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range query {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case (r == ' ' || r == '\t') && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// WithListFilter is query with its filter fields and state replaced by f
// and state, the rest kept: what a filter bar applies.
func WithListFilter(query string, f ListFilter, state string) string {
	_, _, rest := SplitListFilter(query)
	return strings.TrimSpace(f.Qualifiers(state) + " " + rest)
}
