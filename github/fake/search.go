package fake

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/prscope/prscope/model"
)

// GET /search/issues on the fake: GitHub's issue search over the Dataset's
// pull requests, with a useful subset of its syntax. What the fake does:
//
//   - repo:OWNER/NAME is required (the fake searches within repositories
//     only); several repo: qualifiers widen the search. A query without one,
//     or naming a repository the Dataset lacks, is a 422 "Validation Failed"
//     as GitHub answers for a repository it cannot search.
//   - is:pr, is:pull-request, type:pr; is:issue and type:issue match nothing
//     (the Dataset holds only PRs); is:open, is:closed, is:merged,
//     is:unmerged, is:draft, state:open|closed, draft:true|false,
//     author:LOGIN (author:app/NAME is NAME[bot]), base:BRANCH, head:BRANCH,
//     label:A (several label:
//     qualifiers must all match; label:A,B is either), no:label,
//     in:title|body|comments (where words are looked for; default title and
//     body), sort:created|updated|comments[-asc|-desc].
//   - Any qualifier may be negated with a leading "-"; so may a word.
//   - Plain words and "quoted phrases" must all occur, case-insensitively,
//     as whole words (a phrase's words in a row; punctuation separates
//     words, so "sockmap:" finds "sockmap"); there is no stemming. AND is dropped (it is the default); OR, NOT and any
//     other key:value (an unknown qualifier, or one the fake does not
//     implement, such as created:>2020-01-01) are searched for as text, as
//     GitHub does with a qualifier it does not know.
//   - sort (created, updated, comments; default best match: words in the
//     title count double) and order (desc by default) as query parameters;
//     a sort: qualifier in q takes precedence.
//   - At most 1000 results are served (total_count says how many matched);
//     a page past them is GitHub's 422. A q longer than 256 characters, or a
//     blank one, is a 422 as on GitHub.
//   - Its own rate-limit bucket (X-RateLimit-Resource: search, 30 a minute
//     by default); a spent bucket answers 403 "API rate limit exceeded" until
//     the minute ends. ETags and 304s as everywhere else.

const (
	maxSearchResults = 1000
	maxSearchQuery   = 256
	searchDocs       = "https://docs.github.com/rest/search/search#search-issues-and-pull-requests"
)

// searchBudget is the search resource's bucket: a window of a minute.
type searchBudget struct {
	used    int
	resetAt time.Time
}

// spendSearch takes one search request from the bucket (when counted) and
// returns the figures to send; ok is false when the bucket is spent.
func (s *FakeServer) spendSearch(counted bool) (limit, used int, reset time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if !now.Before(s.search.resetAt) {
		s.search = searchBudget{resetAt: now.Add(time.Minute).Truncate(time.Second)}
	}
	limit = s.opts.SearchRateLimit
	if s.search.used >= limit {
		return limit, s.search.used, s.search.resetAt, false
	}
	if counted {
		s.search.used++
	}
	return limit, s.search.used, s.search.resetAt, true
}

// replyRateHeaders sets the rate-limit headers of rep's resource.
func (s *FakeServer) replyRateHeaders(h http.Header, rep reply, counted bool) {
	if rep.resource != model.ResourceSearch {
		s.rateHeaders(h, counted)
		return
	}
	limit, used, reset, _ := s.spendSearch(counted && !rep.uncounted)
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(limit-used))
	h.Set("X-RateLimit-Used", strconv.Itoa(used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	h.Set("X-RateLimit-Resource", model.ResourceSearch)
}

// ghSearchResult is GET /search/issues.
type ghSearchResult struct {
	TotalCount        int            `json:"total_count"`
	IncompleteResults bool           `json:"incomplete_results"`
	Items             []ghSearchItem `json:"items"`
}

// ghSearchItem is a PR as issue search returns it: issue-shaped, with a
// pull_request object and no head or base.
type ghSearchItem struct {
	URL               string            `json:"url"`
	RepositoryURL     string            `json:"repository_url"`
	LabelsURL         string            `json:"labels_url"`
	CommentsURL       string            `json:"comments_url"`
	EventsURL         string            `json:"events_url"`
	HTMLURL           string            `json:"html_url"`
	ID                int64             `json:"id"`
	NodeID            string            `json:"node_id"`
	Number            int               `json:"number"`
	Title             string            `json:"title"`
	User              *ghUser           `json:"user"`
	Labels            []ghLabel         `json:"labels"`
	State             string            `json:"state"`
	Assignee          *ghUser           `json:"assignee"`
	Assignees         []*ghUser         `json:"assignees"`
	Milestone         *struct{}         `json:"milestone"`
	Comments          int               `json:"comments"`
	CreatedAt         string            `json:"created_at"`
	UpdatedAt         string            `json:"updated_at"`
	ClosedAt          *string           `json:"closed_at"`
	Draft             bool              `json:"draft"`
	PullRequest       ghSearchPullLinks `json:"pull_request"`
	Body              *string           `json:"body"`
	Score             float64           `json:"score"`
	Locked            bool              `json:"locked"`
	AuthorAssociation string            `json:"author_association"`
	StateReason       *string           `json:"state_reason"`
}

type ghSearchPullLinks struct {
	URL      string  `json:"url"`
	HTMLURL  string  `json:"html_url"`
	DiffURL  string  `json:"diff_url"`
	PatchURL string  `json:"patch_url"`
	MergedAt *string `json:"merged_at"`
}

// searchInvalid is GitHub's 422 for a q it will not run.
func searchInvalid(code, message string) reply {
	e := map[string]string{"resource": "Search", "field": "q", "code": code}
	if message != "" {
		e["message"] = message
	}
	return reply{status: http.StatusUnprocessableEntity, resource: model.ResourceSearch, value: ghError{
		Message: "Validation Failed", Errors: []map[string]string{e}, DocumentationURL: searchDocs}}
}

// searchIssues serves GET /search/issues.
func (s *FakeServer) searchIssues(r *http.Request) reply {
	if _, _, _, ok := s.spendSearch(false); !ok {
		return reply{status: http.StatusForbidden, resource: model.ResourceSearch, value: ghError{
			Message:          "API rate limit exceeded for user ID 583231." + supportSuffix,
			DocumentationURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}}
	}
	params := r.URL.Query()
	q := params.Get("q")
	switch {
	case strings.TrimSpace(q) == "":
		return searchInvalid("missing", "")
	case len([]rune(q)) > maxSearchQuery:
		return searchInvalid("invalid", "The search is longer than 256 characters.")
	}
	sq := parseSearchQuery(q)
	if len(sq.repos) == 0 {
		return searchInvalid("invalid", "The fake GitHub server searches within repositories only: add repo:OWNER/NAME.")
	}
	var repos []*repoIndex
	for _, name := range sq.repos {
		owner, rest, _ := strings.Cut(name, "/")
		ri := s.index.repo(owner, rest)
		if ri == nil {
			return searchInvalid("invalid", "The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.")
		}
		if !slices.Contains(repos, ri) {
			repos = append(repos, ri)
		}
	}
	pg := parsePaging(params)
	if (pg.page-1)*pg.perPage >= maxSearchResults {
		return reply{status: http.StatusUnprocessableEntity, resource: model.ResourceSearch, value: ghError{
			Message: "Only the first 1000 search results are available", DocumentationURL: searchDocs}}
	}

	type hit struct {
		ri    *repoIndex
		pi    *pullIndex
		score float64
	}
	var hits []hit
	for _, ri := range repos {
		for _, pi := range ri.pulls {
			if score, ok := sq.match(pi); ok {
				hits = append(hits, hit{ri, pi, score})
			}
		}
	}
	sortKey, desc := sq.sort, sq.desc
	if sortKey == "" {
		sortKey, desc = params.Get("sort"), params.Get("order") != "asc"
	}
	slices.SortFunc(hits, func(a, b hit) int {
		var c int
		switch sortKey {
		case "created":
			c = a.pi.pull.CreatedAt.Compare(b.pi.pull.CreatedAt)
		case "updated":
			c = a.pi.pull.UpdatedAt.Compare(b.pi.pull.UpdatedAt)
		case "comments":
			c = cmp.Compare(len(a.pi.comments), len(b.pi.comments))
		default: // best match
			c = cmp.Compare(a.score, b.score)
		}
		c = cmp.Or(c, cmp.Compare(a.pi.pull.Number, b.pi.pull.Number), cmp.Compare(a.ri.fullName, b.ri.fullName))
		if desc {
			return -c
		}
		return c
	})

	available := min(len(hits), maxSearchResults)
	lo, hi := pg.bounds(available)
	out := ghSearchResult{TotalCount: len(hits), IncompleteResults: s.opts.SearchIncomplete, Items: make([]ghSearchItem, 0, hi-lo)}
	for _, h := range hits[lo:hi] {
		out.Items = append(out.Items, s.renderSearchItem(h.ri, h.pi, h.score))
	}
	return reply{status: http.StatusOK, resource: model.ResourceSearch, paged: true, value: out, link: s.linkHeader(r, pg, available)}
}

func (s *FakeServer) renderSearchItem(ri *repoIndex, pi *pullIndex, score float64) ghSearchItem {
	p := s.renderPull(ri, pi) // the same ids, user and labels as the pulls endpoints
	api := s.URL + "repos/" + ri.fullName + "/issues/" + strconv.Itoa(p.Number)
	return ghSearchItem{
		URL:               api,
		RepositoryURL:     s.URL + "repos/" + ri.fullName,
		LabelsURL:         api + "/labels{/name}",
		CommentsURL:       api + "/comments",
		EventsURL:         api + "/events",
		HTMLURL:           p.HTMLURL,
		ID:                stableID("issue", ri.fullName, p.Number),
		NodeID:            p.NodeID,
		Number:            p.Number,
		Title:             p.Title,
		User:              p.User,
		Labels:            p.Labels,
		State:             p.State,
		Assignees:         []*ghUser{},
		Comments:          len(pi.comments),
		CreatedAt:         p.CreatedAt,
		UpdatedAt:         p.UpdatedAt,
		ClosedAt:          p.ClosedAt,
		Draft:             p.Draft,
		PullRequest:       ghSearchPullLinks{URL: p.URL, HTMLURL: p.HTMLURL, DiffURL: p.DiffURL, PatchURL: p.PatchURL, MergedAt: p.MergedAt},
		Body:              p.Body,
		Score:             score,
		AuthorAssociation: p.AuthorAssociation,
	}
}

// searchQuery is a parsed q: every condition must hold.
type searchQuery struct {
	repos []string                // "owner/name", lower-cased
	conds []func(*pullIndex) bool // qualifiers
	words []searchWord            // text, matched in the fields of in
	in    map[string]bool         // "title", "body", "comments"; empty: title and body
	sort  string                  // from a sort: qualifier; "" when none
	desc  bool
}

type searchWord struct {
	words  []string // lower-cased, in a row
	negate bool
}

// searchWords splits text into lower-cased words at anything that is not a
// letter or a digit.
func searchWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// containsRun reports whether run occurs in words, in a row.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

func parseSearchQuery(q string) searchQuery {
	sq := searchQuery{in: map[string]bool{}, desc: true}
	for _, t := range model.TokenizeSearch(q) {
		cond, known := sq.qualifier(t)
		switch {
		case known && cond != nil && t.Negate:
			sq.conds = append(sq.conds, func(pi *pullIndex) bool { return !cond(pi) })
		case known && cond != nil:
			sq.conds = append(sq.conds, cond)
		case known:
		case t.Key == "" && t.Value == "AND":
		default:
			text := t.Value
			if t.Key != "" {
				text = t.Key + ":" + t.Value
			}
			if words := searchWords(text); len(words) > 0 {
				sq.words = append(sq.words, searchWord{words: words, negate: t.Negate})
			}
		}
	}
	return sq
}

// qualifier applies t when it is a qualifier the fake implements: known
// is false for text (and unknown qualifiers); cond is nil for one that
// sets something rather than filters.
func (sq *searchQuery) qualifier(t model.SearchToken) (cond func(*pullIndex) bool, known bool) {
	v := strings.ToLower(t.Value)
	switch t.Key {
	case "repo":
		if !t.Negate {
			sq.repos = append(sq.repos, v)
			return nil, true
		}
		return nil, false
	case "is", "type":
		switch v {
		case "pr", "pull-request":
			return func(*pullIndex) bool { return true }, true
		case "issue":
			return func(*pullIndex) bool { return false }, true
		}
		if t.Key == "is" {
			return stateCond(v)
		}
	case "state":
		if v == "open" || v == "closed" {
			return stateCond(v)
		}
	case "draft":
		if v == "true" || v == "false" {
			want := v == "true"
			return func(pi *pullIndex) bool { return pi.pull.Draft == want }, true
		}
	case "author":
		login := v
		if app, ok := strings.CutPrefix(v, "app/"); ok {
			login = app + "[bot]"
		}
		return func(pi *pullIndex) bool { return strings.EqualFold(pi.pull.User, login) }, true
	case "base":
		return func(pi *pullIndex) bool { return strings.EqualFold(pi.pull.Base, v) }, true
	case "head":
		return func(pi *pullIndex) bool { return strings.EqualFold(pi.pull.Head, v) }, true
	case "label":
		names := strings.Split(v, ",")
		return func(pi *pullIndex) bool {
			return slices.ContainsFunc(pi.pull.Labels, func(l string) bool { return slices.Contains(names, strings.ToLower(l)) })
		}, true
	case "no":
		if v == "label" {
			return func(pi *pullIndex) bool { return len(pi.pull.Labels) == 0 }, true
		}
	case "in":
		for _, f := range strings.Split(v, ",") {
			if f == "title" || f == "body" || f == "comments" {
				sq.in[f] = true
			}
		}
		return nil, true
	case "sort":
		key, dir, _ := strings.Cut(v, "-")
		if key == "created" || key == "updated" || key == "comments" {
			sq.sort, sq.desc = key, dir != "asc"
			return nil, true
		}
	}
	return nil, false
}

func stateCond(v string) (func(*pullIndex) bool, bool) {
	switch v {
	case "open", "closed":
		return func(pi *pullIndex) bool { return pi.pull.State == v }, true
	case "merged":
		return func(pi *pullIndex) bool { return pi.pull.MergedAt != nil }, true
	case "unmerged":
		return func(pi *pullIndex) bool { return pi.pull.MergedAt == nil }, true
	case "draft":
		return func(pi *pullIndex) bool { return pi.pull.Draft }, true
	}
	return nil, false
}

// match reports whether pi satisfies the query, with its best-match score:
// one, plus two for each word in the title and one for each elsewhere.
func (sq searchQuery) match(pi *pullIndex) (float64, bool) {
	for _, c := range sq.conds {
		if !c(pi) {
			return 0, false
		}
	}
	in := sq.in
	if len(in) == 0 {
		in = map[string]bool{"title": true, "body": true}
	}
	if len(sq.words) == 0 {
		return 1, true
	}
	title, body := searchWords(pi.pull.Title), searchWords(pi.pull.Body)
	score := 1.0
	for _, w := range sq.words {
		found := false
		if in["title"] && containsRun(title, w.words) {
			found, score = true, score+2
		}
		if in["body"] && containsRun(body, w.words) {
			found, score = true, score+1
		}
		if in["comments"] && slices.ContainsFunc(pi.comments, func(e indexedEvent) bool {
			return containsRun(searchWords(e.ev.Body), w.words)
		}) {
			found, score = true, score+1
		}
		if found == w.negate {
			return 0, false
		}
	}
	return score, true
}

// searchBucket is the search resource as GET /rate_limit reports it.
func (s *FakeServer) searchBucket() rateBucketJSON {
	limit, used, reset, _ := s.spendSearch(false)
	return rateBucketJSON{Limit: limit, Used: used, Remaining: limit - used, Reset: reset.Unix()}
}
