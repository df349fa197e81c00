"""Analysis: compounds, folding, stemming and mixed text."""
import pytest

from search_index.analysis import METHODS, index_tokens, query_plan
from search_index.normalize import fold
from search_index.stemmer import stem


def finds(method, doc_text, query):
    tokens = set(index_tokens(doc_text, method))
    return all(t in tokens for t in query_plan(query, method).required)


@pytest.mark.parametrize("method", ["bigram", "unibigram", "hybrid"])
@pytest.mark.parametrize("doc_text, query", [
    ("细河区人才工作服务站", "服务站"),
    ("智能风机制造项目", "风机"),
    ("智能风机制造项目", "智能风机制造"),
    ("阜新氢能产业园", "氫能產業"),
    ("新建５Ｇ基站六百个", "5G基站"),
    ("AI算法工程师专场招聘", "ＡＩ算法"),
    ("hiring Hydrogen Engineers", "hydrogen engineering"),
])
def test_query_words_are_found(method, doc_text, query):
    assert finds(method, doc_text, query)


def test_bigrams_do_not_cross_into_unrelated_words():
    assert not finds("unibigram", "人才工作服务站", "工作站")


def test_fold_keeps_length_and_maps_widths_and_traditional():
    text = "ＡＢＣ　１２３ 風機製造"
    assert fold(text) == "abc 123 风机制造" and len(fold(text)) == len(text)


@pytest.mark.parametrize("word, expected", [
    ("policies", "policy"), ("stations", "station"), ("engineering", "engineer"), ("engineers", "engineer"),
    ("manufacturing", "manufactur"), ("manufacture", "manufactur"), ("running", "run"), ("bus", "bus"),
    ("process", "process"), ("5g", "5g"),
])
def test_stem(word, expected):
    assert stem(word) == expected


def test_stopwords_and_punctuation_make_an_empty_plan():
    assert query_plan("the of, and!").empty
    assert query_plan("人才 the policy").required == ("人才", "policy")


def test_methods_are_listed():
    assert set(METHODS) == {"bigram", "unibigram", "jieba", "hybrid"}
