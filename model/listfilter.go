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
