# Copies the expected values of rouge-score's own tests (github google-research/google-research,
# rouge/rouge_scorer_test.py, its inputs from rouge/testdata/target.txt, prediction.txt and
# pyrouge_files/*_multi.0.txt, which were checked against ROUGE-1.5.5) into rouge-score.json.
import json
target = json.loads(r'''"ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\nKsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n"''')
prediction = json.loads(r'''"rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\nn cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n"''')
target_multi = json.loads(r'''"ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\nKsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\nNhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM dv J dVN tmbOT\nvMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing AwkeKbO 'DxqNOHBH qKtVvm OYJl mM\n"''')
prediction_multi = json.loads(r'''"rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\nn cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\nxfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J\nVjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing wEMfdOKijg AwkeKbO 'DxqNO\n"''')
# test_util reads lines with readlines(): each keeps its trailing newline.
t = target.splitlines(keepends=True)
p = prediction.splitlines(keepends=True)
def case(test, variant, stem, tgt, pred, P, R, F, places):
    return dict(test=test, variant=variant, stemming=stem, target=tgt, prediction=pred,
                precision=P, recall=R, fmeasure=F, places=places)
X = 7  # assertAlmostEqual default: 7 places
cases = [
 case("testRouge1", "rouge1", False, "testing one two", "testing", 1, 1/3, 1/2, X),
 case("testRouge2", "rouge2", False, "testing one two", "testing one", 1, 1/2, 2/3, X),
 case("testRougeLConsecutive", "rougeL", False, "testing one two", "testing one", 1, 2/3, 4/5, X),
 case("testRougeLNonConsecutive", "rougeL", False, "testing one two", "testing two", 1, 2/3, 4/5, X),
 case("testMultipleRougeTypes", "rouge1", False, "testing one two", "testing one", 1, 2/3, 4/5, X),
]
for v in ["rouge1", "rouge2", "rougeL", "rougeLsum"]:
    cases.append(case("testRougeEmpty", v, False, "testing one two", "", 0, 0, 0, X))
cases += [
 case("testRouge1AgainstRouge155[0]", "rouge1", False, t[0], p[0], 0.68750, 0.40741, 0.51163, 5),
 case("testRouge1AgainstRouge155[1]", "rouge1", False, t[1], p[1], 0.65385, 0.40476, 0.50000, 5),
 case("testRouge1AgainstRouge155WithStemming[0]", "rouge1", True, t[0], p[0], 0.68750, 0.40741, 0.51163, 5),
 case("testRouge1AgainstRouge155WithStemming[1]", "rouge1", True, t[1], p[1], 0.69231, 0.42857, 0.52941, 5),
 case("testRouge2AgainstRouge155[0]", "rouge2", False, t[0], p[0], 0.53333, 0.30769, 0.39024, 5),
 case("testRouge2AgainstRouge155[1]", "rouge2", False, t[1], p[1], 0.48000, 0.29268, 0.36364, 5),
 case("testRouge2AgainstRouge155WithStemming[0]", "rouge2", True, t[0], p[0], 0.53333, 0.30769, 0.39024, 5),
 case("testRouge2AgainstRouge155WithStemming[1]", "rouge2", True, t[1], p[1], 0.48000, 0.29268, 0.36364, 5),
 case("testRougeLAgainstRouge155[0]", "rougeL", False, t[0], p[0], 0.68750, 0.40741, 0.51163, 5),
 case("testRougeLAgainstRouge155[1]", "rougeL", False, t[1], p[1], 0.65385, 0.40476, 0.50000, 5),
 case("testRougeLSumAgainstRouge155WithStemming", "rougeLsum", True, target_multi, prediction_multi, 0.66667, 0.36538, 0.47205, 5),
 case("testRougeLsum", "rougeLsum", False, "w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", 0.4, 0.8, 0.5333, 3),
 case("testRougeLsum empty prediction", "rougeLsum", False, "w1 w2 w3 w4 w5", "", 0, 0, 0, 3),
 case("testRougeLsum empty target", "rougeLsum", False, "", "w1", 0, 0, 0, 3),
 case("testRougeLsum non-word prediction", "rougeLsum", False, "w1 w2 w3 w4 w5", "/", 0, 0, 0, 3),
]
json.dump({"source": "google-research/google-research rouge/rouge_scorer_test.py and rouge/testdata (commit 066e6a12a3817e45919458090102abfc0a09d287 of the test file)",
           "places": "assertAlmostEqual places: |expected - actual| rounded to this many decimals is 0",
           "cases": cases}, open("rouge-score.json", "w"), indent=1, ensure_ascii=False)
