package fake

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// route dispatches the GitHub endpoints the fake serves.
func (s *FakeServer) route(w http.ResponseWriter, r *http.Request) {
	s.writeReply(w, r, s.routeReply(r))
}

// routeReply is the answer to r. Anything the fake does not serve,
// including non-GET methods, is GitHub's JSON 404.
func (s *FakeServer) routeReply(r *http.Request) reply {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return notFound
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	rep := notFound
	switch {
	case len(parts) == 1 && parts[0] == "rate_limit":
		rep = s.rateLimitReply()
	case len(parts) == 1 && parts[0] == "user":
		rep = s.userReply(r)
	case len(parts) == 2 && parts[0] == "search" && parts[1] == "issues":
		rep = s.searchIssues(r)
	case len(parts) >= 4 && parts[0] == "repos":
		if ri := s.index.repo(parts[1], parts[2]); ri != nil {
			rep = s.repoRoute(r, ri, parts[3:])
		} else if ri := s.index.former[strings.ToLower(parts[1]+"/"+parts[2])]; ri != nil {
			rep = s.movedTo(r, ri, parts[3:])
		}
	case len(parts) >= 2 && parts[0] == "repositories":
		if id, err := strconv.ParseInt(parts[1], 10, 64); err == nil && s.index.byID[id] != nil {
			ri := s.index.byID[id]
			if len(parts) == 2 {
				rep = reply{status: http.StatusOK, value: map[string]any{"id": id, "full_name": ri.fullName, "name": ri.fullName[strings.IndexByte(ri.fullName, '/')+1:]}}
			} else {
				rep = s.repoRoute(r, ri, parts[2:])
			}
		}
	}
	return rep
}

// movedTo is GitHub's answer to a renamed repository's old URL: 301 to
// the same path under /repositories/{id}, with GitHub's JSON body.
func (s *FakeServer) movedTo(r *http.Request, ri *repoIndex, rest []string) reply {
	u := s.URL + "repositories/" + strconv.FormatInt(repoID(ri.fullName), 10) + "/" + strings.Join(rest, "/")
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	return reply{status: http.StatusMovedPermanently, value: map[string]string{"message": "Moved Permanently", "url": u,
		"documentation_url": "https://docs.github.com/v3/#http-redirects"}, header: http.Header{"Location": {u}}}
}

// repoRoute serves the endpoints under /repos/{owner}/{repo}/.
func (s *FakeServer) repoRoute(r *http.Request, ri *repoIndex, rest []string) reply {
	q := r.URL.Query()
	switch {
	case len(rest) == 1 && rest[0] == "pulls":
		return s.listPulls(r, ri, q)
	case len(rest) == 2 && rest[0] == "pulls":
		if pi := ri.pullByText(rest[1]); pi != nil {
			return reply{status: http.StatusOK, value: s.renderPullDetail(ri, pi)}
		}
	case len(rest) == 3 && rest[0] == "issues" && rest[2] == "timeline":
		if pi := ri.pullByText(rest[1]); pi != nil {
			return s.listEvents(r, ri, pi, pi.timeline, s.renderTimelineEvent)
		}
	case len(rest) == 3 && rest[0] == "issues" && rest[2] == "comments":
		if pi := ri.pullByText(rest[1]); pi != nil {
			return s.listEvents(r, ri, pi, pi.comments, func(ri *repoIndex, pi *pullIndex, e indexedEvent) any {
				return s.renderComment(ri, pi, e)
			})
		}
	case len(rest) == 3 && rest[0] == "pulls" && rest[2] == "reviews":
		if pi := ri.pullByText(rest[1]); pi != nil {
			return s.listReviews(r, ri, pi)
		}
	case len(rest) == 3 && rest[0] == "pulls" && rest[2] == "commits":
		if pi := ri.pullByText(rest[1]); pi != nil {
			return s.listPullCommits(r, ri, pi)
		}
	case len(rest) == 3 && rest[0] == "pulls" && rest[2] == "comments":
		if pi := ri.pullByText(rest[1]); pi != nil {
			return s.listReviewComments(r, ri, pi)
		}
	case len(rest) == 3 && rest[0] == "git" && rest[1] == "commits":
		if c := ri.commit(rest[2]); c != nil {
			return reply{status: http.StatusOK, value: s.renderGitCommit(ri, c)}
		}
	case len(rest) == 2 && rest[0] == "commits":
		if c := ri.commit(rest[1]); c != nil {
			return reply{status: http.StatusOK, value: s.renderRepoCommit(ri, c)}
		}
	case len(rest) == 3 && rest[0] == "commits":
		return s.commitRoute(r, ri, rest[1], rest[2])
	case len(rest) >= 2 && rest[0] == "actions":
		return s.actionsRoute(r, ri, rest[1:])
	case len(rest) == 3 && rest[0] == "check-runs" && rest[2] == "annotations":
		return s.listAnnotations(r, ri, rest[1])
	}
	return notFound
}

func (ri *repoIndex) pullByText(number string) *pullIndex {
	n, err := strconv.Atoi(number)
	if err != nil {
		return nil
	}
	return ri.pulls[n]
}

// listPulls serves GET /repos/{o}/{r}/pulls with GitHub's state, sort and
// direction parameters and their defaults (open; created; desc for created).
func (s *FakeServer) listPulls(r *http.Request, ri *repoIndex, q url.Values) reply {
	state := q.Get("state")
	switch state {
	case "open", "closed", "all":
	case "":
		state = "open"
	default:
		return reply{status: http.StatusUnprocessableEntity, value: ghError{
			Message:          "Validation Failed",
			Errors:           []map[string]string{{"resource": "Issue", "field": "state", "code": "invalid"}},
			DocumentationURL: "https://docs.github.com/rest/pulls/pulls#list-pull-requests",
		}}
	}
	sortKey := q.Get("sort")
	if sortKey != "updated" {
		sortKey = "created" // popularity and long-running fall back to creation order
	}
	desc := q.Get("direction") != "asc"
	if q.Get("direction") == "" && q.Get("sort") != "" && q.Get("sort") != "created" {
		desc = false // GitHub: desc by default only when sorting by created
	}
	all := ri.listings[state+"/"+sortKey]
	pg := parsePaging(q)
	lo, hi := pg.bounds(len(all))
	out := make([]any, 0, hi-lo)
	for i := lo; i < hi; i++ {
		p := all[i]
		if desc {
			p = all[len(all)-1-i]
		}
		out = append(out, s.renderPull(ri, ri.pulls[p.Number]))
	}
	return reply{status: http.StatusOK, value: out, link: s.linkHeader(r, pg, len(all))}
}

// listEvents pages through a PR's timeline or comments.
func (s *FakeServer) listEvents(r *http.Request, ri *repoIndex, pi *pullIndex, events []indexedEvent,
	render func(*repoIndex, *pullIndex, indexedEvent) any) reply {
	return listPage(s, r, events, func(e indexedEvent) any { return render(ri, pi, e) })
}

// listPage serves the page of items r asks for, each as render makes it,
// with GitHub's Link header.
func listPage[T any](s *FakeServer, r *http.Request, items []T, render func(T) any) reply {
	pg := parsePaging(r.URL.Query())
	lo, hi := pg.bounds(len(items))
	out := make([]any, 0, hi-lo)
	for _, it := range items[lo:hi] {
		out = append(out, render(it))
	}
	return reply{status: http.StatusOK, value: out, link: s.linkHeader(r, pg, len(items))}
}

// paging is a page request: GitHub defaults to 30 per page, at most 100.
type paging struct{ page, perPage int }

func parsePaging(q url.Values) paging {
	pg := paging{page: 1, perPage: 30}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		pg.page = n
	}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 {
		pg.perPage = min(n, 100)
	}
	return pg
}

// bounds returns the slice of n items this page shows; empty past the end.
func (pg paging) bounds(n int) (lo, hi int) {
	lo = min((pg.page-1)*pg.perPage, n)
	hi = min(lo+pg.perPage, n)
	return lo, hi
}

// linkHeader builds GitHub's Link header: absolute URLs on this server that
// keep every other query parameter, in GitHub's order prev, next, last, first.
func (s *FakeServer) linkHeader(r *http.Request, pg paging, total int) string {
	lastPage := max(1, (total+pg.perPage-1)/pg.perPage)
	var links []string
	add := func(page int, rel string) {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(page))
		u := s.URL + strings.TrimPrefix(r.URL.Path, "/") + "?" + q.Encode()
		links = append(links, fmt.Sprintf("<%s>; rel=%q", u, rel))
	}
	if pg.page > 1 {
		add(pg.page-1, "prev")
	}
	if pg.page < lastPage {
		add(pg.page+1, "next")
		add(lastPage, "last")
	}
	if pg.page > 1 {
		add(1, "first")
	}
	return strings.Join(links, ", ")
}
