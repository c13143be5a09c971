package app

import (
	"slices"
	"strings"
)

// DraftKeys are what match a draft to what is stored: its text's content
// hash, its URLKey and its TitleKey (outlet and title), and the article
// it says it revises, if any (Draft.Revises).
type DraftKeys struct {
	Hash, URL, Title string
	Revises          ArticleID
}

// Catalogue finds stored texts by those keys. A store implements it over
// the transaction that stores the draft, so the rules below see the
// articles that earlier drafts of the same batch created.
type Catalogue interface {
	// TextWithHash returns the article and revision whose text has the
	// hash; ok is false if none has.
	TextWithHash(hash string) (id ArticleID, revision int, ok bool, err error)
	// ArticleAtURL and ArticleTitled return the article ever stored under
	// a URL key or a title key; ok is false if none was.
	ArticleAtURL(urlKey string) (id ArticleID, ok bool, err error)
	ArticleTitled(titleKey string) (id ArticleID, ok bool, err error)
}

// Match is where a draft belongs: a duplicate of a stored revision (ID
// and Revision), a new revision of article ID, or a new article (ID 0).
type Match struct {
	Outcome  Outcome
	ID       ArticleID
	Revision int
}

// ClassifyDraft applies the de-duplication and revision rules. The same
// text anywhere in the store is a duplicate; otherwise a draft that names
// the article it revises is that article's new revision, else one at the
// URL of a stored article, else one with the outlet and title of a stored
// article; else it is a new article.
func ClassifyDraft(k DraftKeys, c Catalogue) (Match, error) {
	if id, rev, ok, err := c.TextWithHash(k.Hash); err != nil || ok {
		return Match{Outcome: Duplicate, ID: id, Revision: rev}, err
	}
	if k.Revises != 0 {
		return Match{Outcome: NewRevision, ID: k.Revises}, nil
	}
	if k.URL != "" {
		if id, ok, err := c.ArticleAtURL(k.URL); err != nil || ok {
			return Match{Outcome: NewRevision, ID: id}, err
		}
	}
	if k.Title != "" {
		if id, ok, err := c.ArticleTitled(k.Title); err != nil || ok {
			return Match{Outcome: NewRevision, ID: id}, err
		}
	}
	return Match{Outcome: Imported}, nil
}

// AddRevision makes a draft the article's newest revision: the article
// takes the draft's metadata (keeping the analyst's corrections of
// fields the source has not changed since) and the union of both tag
// sets. head
// is the stored article, or one with only its new ID for a new article.
func AddRevision(head Article, d Draft) (Article, Revision) {
	head.Revisions++
	d.Meta = carryEdits(head.Meta, d.Meta)
	head.Meta = d.Meta
	head.Tags = UnionTags(head.Tags, d.Tags)
	return head, Revision{Number: head.Revisions, Meta: d.Meta, Body: d.Body}
}

// UnionTags returns the sorted union of two tag lists (tags already
// normalised; blank ones are dropped).
func UnionTags(a, b []string) []string {
	out := slices.Clone(a)
	for _, t := range b {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}
