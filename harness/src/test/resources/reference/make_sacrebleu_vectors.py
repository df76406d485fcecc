# Copies the expected values of sacreBLEU's own tests (github mjpost/sacrebleu, test/test_bleu.py,
# test/test_sentence_bleu.py, test/test_chrf.py at commit f615c7286d4d813370efb824d94fc2bfcd3a6b94) into
# sacrebleu.json. Only the cases of settings tunebench offers: BLEU with the 13a tokeniser and exp
# smoothing (the default), chrF with 6 character orders, no word orders and whitespace removed.
import json

refs = [
    ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
    ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
]
hyps = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.']

bleu_corpus = [
    dict(test="test_corpus_bleu default", hyps=hyps, refs=refs, score=48.530827, eps=1e-8),
    dict(test="test_corpus_bleu tokenize=13a", hyps=hyps, refs=refs, score=48.530827, eps=1e-8),
    dict(test="test_corpus_bleu empty hypotheses", hyps=['', '', ''], refs=refs, score=0.0, eps=1e-8),
    dict(test="test_max_ngram_order order=4", hyps=hyps, refs=refs, score=48.53, eps=0.005),
    # raw_corpus_bleu tokenises with 'none'; these words have no punctuation, so 13a splits them alike.
    dict(test="test_raw_bleu [1]", hyps=["this is a test"], refs=[["this is a test"]], score=100.0, eps=1e-6),
]
bleu_statistics = [
    dict(test="test_statistics", hyp="am I am a character sequence", ref="I am a symbol string sequence a a",
         correct=[4, 2, 1, 0], total=[6, 5, 4, 3]),
]
# BLEU.compute_bleu(correct, total, sys_len, ref_len): no zero counts, so exp smoothing changes nothing.
bleu_scoring = [dict(test="test_scoring", correct=[9, 7, 5, 3], total=[10, 8, 6, 4], sys_len=11, ref_len=11,
                     score=83.75922397, eps=1e-6)]
sys_ = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;"
ref_ = "producţia de zahăr brut se exprimă în zahăr alb;"
bleu_sentence = [
    dict(test="test_api_sentence_bleu exp 13a", hyp=sys_, refs=[ref_], score=8.493, eps=1e-3),
    dict(test="test_api_sentence_bleu_zero exp 13a", hyp="this is a cat", refs=["okay thanks"], score=0.0, eps=1e-3),
]

chrf = []
beta3_eps = [
    (["abcdefg"], ["hijklmnop"], 0.0),
    (["a"], ["b"], 0.0),
    ([""], ["b"], 0.0),
    ([""], ["ref"], 0.0),
    ([""], ["reference"], 0.0),
    (["aa"], ["ab"], 8.3333),
    (["a", "b"], ["a", "c"], 8.3333),
    (["a"], ["a"], 16.6667),
    (["a b c"], ["a b c"], 50.0),
    (["a b c"], ["abc"], 50.0),
    ([" risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."],
     ["risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."], 63.361730),
    ([" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "],
     ["Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."], 64.1302698),
    (["Niemand hat die Absicht, eine Mauer zu errichten"], ["Niemand hat die Absicht, eine Mauer zu errichten"], 100.0),
]
for h, r, s in beta3_eps:
    chrf.append(dict(test="test_chrf", hyps=h, refs=[r], beta=3, eps_smoothing=True, score=s, eps=1e-4))
beta3_eff = [
    (["a"], ["a"], 100.0),
    ([""], ["reference"], 0.0),
    (["a b c"], ["a b c"], 100.0),
    (["a b c"], ["abc"], 100.0),
    ([""], ["c"], 0.0),
    (["a", "b"], ["a", "c"], 50.0),
    (["aa"], ["ab"], 25.0),
]
for h, r, s in beta3_eff:
    chrf.append(dict(test="test_chrf_eff_order", hyps=h, refs=[r], beta=3, eps_smoothing=False, score=s, eps=1e-4))
sentence = [
    ('Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.',
     'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.', 39.14078509),
    ('Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.',
     'A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.', 31.22557079),
    ('Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.',
     'Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.', 57.15704367),
]
for h, r, s in sentence:
    # sentence_chrf(hyp, [ref], eps_smoothing=True) with the default beta 2.
    chrf.append(dict(test="test_chrf_sentence_level", hyps=[h], refs=[[r]], beta=2, eps_smoothing=True, score=s, eps=1e-4))

json.dump(dict(source="github mjpost/sacrebleu test/ at f615c7286d4d813370efb824d94fc2bfcd3a6b94",
               note="refs: one list per reference stream, each with one reference per hypothesis; scores on sacreBLEU's 0-100 scale",
               bleu_corpus=bleu_corpus, bleu_statistics=bleu_statistics, bleu_scoring=bleu_scoring,
               bleu_sentence=bleu_sentence, chrf=chrf),
          open("sacrebleu.json", "w"), indent=1, ensure_ascii=False)
