package app

// Remover deletes articles so that they can be brought back: the undo
// of a delete re-imports every revision, as it was stored, with the
// article's tags, annotations and memos.
type Remover struct{ Store Store }

// Removed is everything an article held when it was deleted.
type Removed struct {
	Article     Article
	Revisions   []Revision // oldest first
	Annotations []Annotation
	Memos       []Memo
}

// Delete deletes an article, its revisions, annotations and memos, and returns
// them for Restore.
func (r Remover) Delete(id ArticleID) (Removed, error) {
	a, err := r.Store.FindArticleByID(id)
	if err != nil {
		return Removed{}, err
	}
	out := Removed{Article: a}
	for n := 1; n <= a.Revisions; n++ {
		rev, err := r.Store.FindRevision(id, n)
		if err != nil {
			return Removed{}, err
		}
		out.Revisions = append(out.Revisions, rev)
	}
	del, err := r.Store.DeleteArticle(id)
	if err != nil {
		return Removed{}, err
	}
	out.Annotations, out.Memos = del.Annotations, del.Memos
	return out, nil
}

// Restore brings a deleted article back: its revisions in order (each
// later one joined to the first), its tags, and its annotations with
// their IDs, and its memos with theirs. The article gets a new ID, which
// it returns.
func (r Remover) Restore(x Removed) (ArticleID, error) {
	var id ArticleID
	for i, rev := range x.Revisions {
		d := Draft{Meta: rev.Meta, Body: rev.Body, Revises: id}
		if i == 0 {
			d.Tags = x.Article.Tags
		}
		stored, err := r.Store.Ingest([]Draft{d})
		if err == nil {
			err = stored[0].Err
		}
		if err != nil {
			return id, WrapError(ErrorCode(err), err, "restoring %q", Excerpt(x.Article.Title, 60))
		}
		id = stored[0].ID
	}
	annos := make([]Annotation, len(x.Annotations))
	for i, a := range x.Annotations {
		a.Article = id
		annos[i] = a
	}
	if _, err := r.Store.SaveAnnotations(annos); err != nil {
		return id, err
	}
	for _, m := range x.Memos {
		m.Article = id
		if _, err := r.Store.SaveMemo(m); err != nil {
			return id, err
		}
	}
	return id, nil
}
