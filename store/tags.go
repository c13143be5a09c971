package store

import (
	"bytes"
	"errors"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// Tags implements app.TagStore: every defined tag with its direct use
// counts, in path order.
func (s *Store) Tags() ([]app.TagInfo, error) {
	byPath := map[string]*app.TagInfo{}
	get := func(path string) *app.TagInfo {
		ti := byPath[path]
		if ti == nil {
			ti = &app.TagInfo{Tag: app.Tag{Path: path}}
			byPath[path] = ti
		}
		return ti
	}
	err := s.db.View(func(txn *badger.Txn) error {
		err := scanValues(txn, []byte{prefixTagDef}, func(v []byte) error {
			var t app.Tag
			if err := unmarshal(v, &t); err != nil {
				return err
			}
			get(t.Path).Tag = t
			return nil
		})
		if err != nil {
			return err
		}
		if err := scanKeys(txn, []byte{prefixTag}, func(k []byte) error {
			get(indexedTag(k)).Articles++
			return nil
		}); err != nil {
			return err
		}
		return scanKeys(txn, []byte{prefixAnnoTag}, func(k []byte) error {
			get(indexedTag(k)).Annotations++
			return nil
		})
	})
	if err != nil {
		return nil, app.WrapError(app.EINTERNAL, err, "listing tags in %s", s.dir)
	}
	out := make([]app.TagInfo, 0, len(byPath))
	for _, ti := range byPath {
		out = append(out, *ti)
	}
	slices.SortFunc(out, func(a, b app.TagInfo) int { return compareTagPaths(a.Path, b.Path) })
	return out, nil
}

// compareTagPaths orders a tree depth first: "a/b" before "a b".
func compareTagPaths(a, b string) int {
	return bytes.Compare(pathSortKey(a), pathSortKey(b))
}

func pathSortKey(p string) []byte { return bytes.ReplaceAll([]byte(p), []byte("/"), []byte{0}) }

// FindTag implements app.TagStore.
func (s *Store) FindTag(path string) (app.Tag, error) {
	var t app.Tag
	err := s.db.View(func(txn *badger.Txn) error { return getJSON(txn, tagDefKey(path), &t) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return t, app.Errorf(app.ENOTFOUND, "no tag %s", path)
	}
	if err != nil {
		return t, app.WrapError(app.EINTERNAL, err, "reading tag %s", path)
	}
	return t, nil
}

// SaveTag implements app.TagStore.
func (s *Store) SaveTag(t app.Tag) error {
	path, err := app.NormalizeTag(t.Path)
	if err != nil {
		return err
	}
	t.Path = path
	if t.Color != "" {
		if t.Color, err = app.ParseColor(t.Color); err != nil {
			return err
		}
	}
	err = s.update(func(txn *badger.Txn) error {
		if err := ensureTagDefs(txn, app.TagAncestors(path)); err != nil {
			return err
		}
		if err := markTagChange(txn, path); err != nil {
			return err
		}
		return setJSON(txn, tagDefKey(path), t)
	})
	if err != nil {
		return storeError(err, "saving tag %s", path)
	}
	return s.Sync()
}

// ensureTagDefs defines every tag in tags, and the tags above them, that
// is not defined yet.
func ensureTagDefs(txn *badger.Txn, tags []string) error {
	for _, t := range tags {
		for _, p := range append(app.TagAncestors(t), t) {
			_, err := txn.Get(tagDefKey(p))
			if err == nil {
				continue
			}
			if !errors.Is(err, badger.ErrKeyNotFound) {
				return err
			}
			if err := setJSON(txn, tagDefKey(p), app.Tag{Path: p}); err != nil {
				return err
			}
			if err := markTagChange(txn, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// TagArticle implements app.TagStore.
func (s *Store) TagArticle(id app.ArticleID, tags []string) (app.Article, error) {
	tags, err := app.NormalizeTags(tags)
	if err != nil {
		return app.Article{}, err
	}
	return s.retagArticle(id, func(old []string) []string { return app.UnionTags(old, tags) })
}

// UntagArticle implements app.TagStore.
func (s *Store) UntagArticle(id app.ArticleID, tags []string) (app.Article, error) {
	tags, err := app.NormalizeTags(tags)
	if err != nil {
		return app.Article{}, err
	}
	return s.retagArticle(id, func(old []string) []string {
		return slices.DeleteFunc(slices.Clone(old), func(t string) bool { return slices.Contains(tags, t) })
	})
}

// SetArticleTags implements app.TagStore: the article's tags become
// exactly tags, in one transaction.
func (s *Store) SetArticleTags(id app.ArticleID, tags []string) (app.Article, error) {
	tags, err := app.NormalizeTags(tags)
	if err != nil {
		return app.Article{}, err
	}
	return s.retagArticle(id, func([]string) []string { return app.UnionTags(nil, tags) })
}

func (s *Store) retagArticle(id app.ArticleID, change func([]string) []string) (app.Article, error) {
	var head app.Article
	err := s.update(func(txn *badger.Txn) error {
		var err error
		head, err = setArticleTags(txn, id, change)
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return head, app.Errorf(app.ENOTFOUND, "no article %d", id)
	}
	if err != nil {
		return head, storeError(err, "tagging article %d", id)
	}
	return head, s.Sync()
}

// setArticleTags rewrites an article's tags and their index entries.
func setArticleTags(txn *badger.Txn, id app.ArticleID, change func([]string) []string) (app.Article, error) {
	var head app.Article
	if err := getJSON(txn, articleKey(id), &head); err != nil {
		return head, err
	}
	tags := change(slices.Clone(head.Tags))
	slices.Sort(tags)
	tags = slices.Compact(tags)
	if slices.Equal(tags, head.Tags) {
		return head, nil
	}
	for _, t := range head.Tags {
		if !slices.Contains(tags, t) {
			if err := txn.Delete(tagKey(t, id)); err != nil {
				return head, err
			}
		}
	}
	head.Tags = tags
	if err := indexTags(txn, id, tags); err != nil {
		return head, err
	}
	if err := ensureTagDefs(txn, tags); err != nil {
		return head, err
	}
	if err := markArticleChange(txn, id); err != nil {
		return head, err
	}
	return head, setJSON(txn, articleKey(id), head)
}

// setAnnotationTags rewrites an annotation's tags and their index entries.
func setAnnotationTags(txn *badger.Txn, id app.AnnotationID, change func([]string) []string) error {
	var a app.Annotation
	if err := getJSON(txn, annoKey(id), &a); err != nil {
		return err
	}
	old := a
	a.Tags = change(slices.Clone(a.Tags))
	slices.Sort(a.Tags)
	a.Tags = slices.Compact(a.Tags)
	return writeAnnotation(txn, &old, &a)
}

// tagSubtree lists every tag at or below root. Every write path defines
// the tags it uses (and migration 1 → 2 defined the older ones), so the
// definitions are the whole tag set and the use indexes need no scan here.
func tagSubtree(txn *badger.Txn, root string) ([]string, error) {
	var paths []string
	err := scanKeys(txn, tagDefKey(root), func(k []byte) error {
		if p := tagDefPath(k); app.TagWithin(p, root) {
			paths = append(paths, p)
		}
		return nil
	})
	slices.SortFunc(paths, compareTagPaths)
	return paths, err
}

// tagUses returns the articles and annotations that carry tag.
func tagUses(txn *badger.Txn, tag string) ([]app.ArticleID, []app.AnnotationID, error) {
	return tagUsesUpTo(txn, tag, 0)
}

// errEnoughUses ends a scan of tag uses that has found its limit.
var errEnoughUses = errors.New("enough tag uses")

// tagUsesUpTo is tagUses, articles first, stopping at limit uses when
// limit > 0: a tag job's step takes only a batch of a tag's uses, and
// listing them all at every step would read a much-used tag's index over
// and over.
func tagUsesUpTo(txn *badger.Txn, tag string, limit int) (articles []app.ArticleID, annos []app.AnnotationID, err error) {
	full := func() error {
		if limit > 0 && len(articles)+len(annos) >= limit {
			return errEnoughUses
		}
		return nil
	}
	err = scanKeys(txn, tagIndexPrefix(prefixTag, tag), func(k []byte) error {
		if err := full(); err != nil {
			return err
		}
		articles = append(articles, app.ArticleID(indexedID(k)))
		return nil
	})
	if err == nil {
		err = scanKeys(txn, tagIndexPrefix(prefixAnnoTag, tag), func(k []byte) error {
			if err := full(); err != nil {
				return err
			}
			annos = append(annos, app.AnnotationID(indexedID(k)))
			return nil
		})
	}
	if errors.Is(err, errEnoughUses) {
		err = nil
	}
	if err != nil {
		return nil, nil, err
	}
	return articles, annos, nil
}

// TagUsage implements app.TagStore.
func (s *Store) TagUsage(path string) (app.TagChange, error) {
	var ch app.TagChange
	path, err := app.NormalizeTag(path)
	if err != nil {
		return ch, err
	}
	err = s.db.View(func(txn *badger.Txn) error {
		var err error
		ch, err = countTagUses(txn, path)
		return err
	})
	if err != nil {
		return ch, storeError(err, "counting uses of tag %s", path)
	}
	return ch, nil
}

// countTagUses lists the tags at or below root and counts the distinct
// articles and annotations that carry them. It returns ENOTFOUND when root
// is neither defined nor used.
func countTagUses(txn *badger.Txn, root string) (app.TagChange, error) {
	ch := app.TagChange{}
	paths, err := tagSubtree(txn, root)
	if err != nil {
		return ch, err
	}
	if len(paths) == 0 {
		return ch, app.Errorf(app.ENOTFOUND, "no tag %s", root)
	}
	seenArt, seenAnno := map[app.ArticleID]bool{}, map[app.AnnotationID]bool{}
	for _, p := range paths {
		arts, annos, err := tagUses(txn, p)
		if err != nil {
			return ch, err
		}
		for _, id := range arts {
			seenArt[id] = true
		}
		for _, id := range annos {
			seenAnno[id] = true
		}
	}
	ch.Tags, ch.Articles, ch.Annotations = paths, len(seenArt), len(seenAnno)
	memos, err := tagMemos(txn, root)
	ch.Memos = len(memos)
	return ch, err
}

// RenameTag implements app.TagStore.
func (s *Store) RenameTag(from, to string, merge bool) (app.TagChange, error) {
	var ch app.TagChange
	from, err := app.NormalizeTag(from)
	if err != nil {
		return ch, err
	}
	if to, err = app.NormalizeTag(to); err != nil {
		return ch, err
	}
	if from == to {
		return ch, app.Errorf(app.EINVALID, "tag %s: old and new names are the same", from)
	}
	if app.TagWithin(to, from) {
		return ch, app.Errorf(app.EINVALID, "cannot move tag %s below itself (%s)", from, to)
	}
	ch, err = s.changeTags(tagJob{From: from, To: to}, func(txn *badger.Txn) error {
		if merge {
			return nil
		}
		existing, err := tagSubtree(txn, to)
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			return app.Errorf(app.ECONFLICT, "tag %s exists already: merge into it instead of renaming", to)
		}
		return nil
	})
	if err != nil {
		return ch, storeError(err, "renaming tag %s", from)
	}
	return ch, s.Sync()
}

// moveTagDef moves a tag's definition; a definition already at the target
// wins, but inherits colour and description it lacks.
func moveTagDef(txn *badger.Txn, from, to string) error {
	var src, dst app.Tag
	err := getJSON(txn, tagDefKey(from), &src)
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	err = getJSON(txn, tagDefKey(to), &dst)
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	dst.Path = to
	if dst.Color == "" {
		dst.Color = src.Color
	}
	if dst.Description == "" {
		dst.Description = src.Description
	}
	if err := txn.Delete(tagDefKey(from)); err != nil {
		return err
	}
	if err := ensureTagDefs(txn, app.TagAncestors(to)); err != nil {
		return err
	}
	if err := markTagChange(txn, from); err != nil {
		return err
	}
	if err := markTagChange(txn, to); err != nil {
		return err
	}
	return setJSON(txn, tagDefKey(to), dst)
}

// DeleteTag implements app.TagStore.
func (s *Store) DeleteTag(path string) (app.TagChange, error) {
	var ch app.TagChange
	path, err := app.NormalizeTag(path)
	if err != nil {
		return ch, err
	}
	ch, err = s.changeTags(tagJob{Delete: true, From: path}, nil)
	if err != nil {
		return ch, storeError(err, "deleting tag %s", path)
	}
	return ch, s.Sync()
}
