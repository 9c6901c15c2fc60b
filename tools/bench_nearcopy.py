"""Benchmark GZ506's near-copy search on synthetic report prose.

    python tools/bench_nearcopy.py [N ...]        (default: 2000 10000)

Each synthetic report is ~1,500 characters: sentences drawn from a shared pool
of stock phrases plus sentences of its own. One report in 20 is a planted copy
of another (last year's of the same body, with a few sentences changed). It
prints the time of each step, the candidate pairs the sketch index proposes against the
n(n−1)/2 an exhaustive search would compare, and how many planted copies were
found. Figures, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import random
import sys
import time

from gzlint import nearcopy
from gzlint.reportfacts import text_signature
from gzlint.rules import crossreport as cr

_CHARS = "的一是在了不和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年阶义发成部民可出能方进同行面说种过命度革而多子后自社加小机也经力线本电高量长党得实家定深法表着水理化争现所二起政三好十战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事队批点育重其思与间内去因件日利相由压员气业代全组数果期导平各基或月毛然如应形想制心样干都向变关问比展那它最及外没看治提五解系林者米群头意只明四道马认次文通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教决特此常石强极土少已根共直团统式转别造切九你取西持总料连任志观调七么山程百报更见必真保热委手改管处己将修支识病象几先老光专什六型具示复安带每东增则完风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知轴研单色坚据速防史拉世设达尔场织历花受求传口断况采精金界品判参层止边清至万确究书术状厂须离再目海交权且儿青才证低越际八试规斯近注办布门铁需走议县兵固除般引齿千胜细影济白格效置推空配刀叶率述今选养德话查差半敌始片施响收华觉备名红续均药标记难存测士身紧液派准斤角降维板许破述技消底床田势端感往神便贺村构照容非搞亚磨族火段算适讲按值美态黄易彪服早班麦削信排台声该击素张密害侯草何树肥继右属市严径螺检左页抗苏显苦英快称坏移约巴材省黑武培著河帝仅针怎植京助升王眼她抓含苗副杂普谈围食射源例致酸旧却充足短划剂宣环落首尺波承粉践府鱼随考刻靠够满夫失包住促枝局菌杆周护岩师举曲春元超负砂封换太模贫减阳扬江析亩木言球朝医校古呢稻宋听唯输滑站另卫字鼓刚写刘微略范供阿块某功套友限项余倒卷创律雨让骨远帮初皮播优占死毒圈伟季训控激找叫云互跟裂粮粒母练塞钢顶策双留误础吸阻故寸盾晚丝女散焊功株亲院冷彻弹错散商视艺灭版烈零室轻血倍缺厘泵察绝富城冲喷壤简否柱李望盘磁雄似困巩益洲脱投送奴侧润盖挥距触星松送获兴独官混纪依未突架宽冬章湿偏纹吃执阀矿寨责熟稳夺硬价努翻奇甲预职评读背协损棉侵灰虽矛厚罗泥辟告卵箱掌氧恩爱停曾溶营终纲孟钱待尽俄缩沙退陈讨奋械载胞幼哪剥迫旋征槽倒握担仍呀鲜吧卡粗介钻逐弱脚怕盐末阴丰编印蜂急拿扩伤飞露核缘游振操央伍域甚迅辉异序免纸夜乡久隶缸夹念兰映沟乙吗儒杀汽磷艰晶插埃燃欢铁补咱芽永瓦倾阵碳演威附牙芽永瓦斜灌欧献顺猪洋腐请透司危括脉宜笑若尾束壮暴企菜穗楚汉愈绿拖牛份染既秋遍锻玉夏疗尖殖井费州访吹荣铜沿替滚客召旱悟刺脑措贯藏敢令隙炉壳硫煤迎铸粘探临薄旬善福纵择礼愿伏残雷延烟句纯渐耕跑泽慢栽鲁赤繁境潮横掉锥希池败船假亮谓托伙哲怀割摆贡呈劲财仪沉炼麻罪祖息车穿货销齐鼠抽画饲龙库守筑房歌寒喜哥洗蚀废纳腹乎录镜妇恶脂庄擦险赞钟摇典柄辩竹谷卖乱虚桥奥伯赶垂途额壁网截野遗静谋弄挂课镇妄盛耐援扎虑键归符庆聚绕摩忙舞遇索顾胶羊湖钉仁音迹碎伸灯避泛亡答勇频皇柳哈揭甘诺概宪浓岛袭谁洪谢炮浇斑讯懂灵蛋闭孩释乳巨徒私银伊景坦累匀霉杜乐勒隔弯绩招绍胡呼痛峰零柴簧午跳居尚丁秦稍追梁折耗碱殊岗挖氏刃剧堆赫荷胸衡勤膜篇登驻案刊秧缓凸役剪川雪链渔啦脸户洛孢勃盟买杨宗焦赛旗滤硅炭股坐蒸凝竟陷枪黎救冒暗洞犯筒您宋弧爆谬涂味津臂障褐陆啊健尊豆拔莫抵桑坡缝警挑污冰柬嘴啥饭塑寄赵喊垫丹渡耳刨虎笔稀昆浪萨茶滴浅拥穴覆伦娘吨浸袖珠雌妈紫戏塔锤震岁貌洁剖牢锋疑霸闪埔猛诉刷狠忽灾闹乔唐漏闻沈熔氯荒茎男凡抢像浆旁玻亦忠唱蒙予纷捕锁尤乘乌智淡允叛畜俘摸锈扫毕璃宝芯爷鉴秘净蒋钙肩腾枯抛轨堂拌爸循诱祝励肯酒绳穷塘燥泡袋朗喂铝软渠颗惯贸粪综墙趋彼届墨碍启逆卸航衣孙龄岭骗休借"


def sentence(rng: random.Random) -> str:
    return "".join(rng.choice(_CHARS) for _ in range(rng.randint(15, 40))) + "。"


def corpus(n: int, seed: int = 1) -> tuple[list[str], list[str], set[tuple[int, int]], set[int]]:
    """Texts, body keys, (last year, this year) pairs and the planted copies."""
    rng = random.Random(seed)
    stock = [sentence(rng) for _ in range(300)]  # phrases every body may use
    texts, keys, last_year, planted = [], [], set(), set()
    for i in range(n):
        if i % 20 == 19:  # a copy of the report before it, a few sentences changed
            src = texts[i - 1].split("。")
            for k in rng.sample(range(len(src)), 3):
                src[k] = sentence(rng)[:-1]
            texts.append("。".join(src))
            keys.append(keys[i - 1])
            last_year.add((i - 1, i))
            planted.add(i)
            continue
        parts = [rng.choice(stock) for _ in range(12)] + [sentence(rng) for _ in range(40)]
        rng.shuffle(parts)
        texts.append("".join(parts))
        keys.append(f"青山县第{i}局")
    return texts, keys, last_year, planted


def run(n: int) -> None:
    texts, keys, last_year, planted = corpus(n)
    t0 = time.perf_counter()
    sets = [text_signature(t) for t in texts]
    t1 = time.perf_counter()
    pairs = nearcopy.candidates(sets, nearcopy.stock(sets, keys, cr.stock_limit(keys)))
    t2 = time.perf_counter()
    found = cr.near_copies(sets, keys, last_year, force_search=True)
    t3 = time.perf_counter()
    hits = {i for i, (_share, _o, how) in found.items() if how == "同一机关上一年度"}
    others = {i for i, (_s, _o, how) in found.items() if how == "其他机关"}
    # an exhaustive search would intersect every pair: time a sample and scale
    sample = min(2000, n * (n - 1) // 2)
    rng = random.Random(2)
    idx = [(rng.randrange(n), rng.randrange(n)) for _ in range(sample)]
    t4 = time.perf_counter()
    for i, j in idx:
        cr.overlap(set(sets[i]), set(sets[j]))
    per_pair = (time.perf_counter() - t4) / sample
    chars = sum(map(len, texts)) / n
    print(f"n={n:>6}  avg {chars:.0f} chars  shingling {t1 - t0:6.2f}s  stock + sketch candidates {t2 - t1:6.2f}s  "
          f"whole GZ506 search (candidates + exact check) {t3 - t2:6.2f}s")
    print(f"         candidate pairs {len(pairs):,} of {n * (n - 1) // 2:,} "
          f"({len(pairs) / max(1, n * (n - 1) // 2):.4%}); exhaustive exact search ≈ {per_pair * n * (n - 1) / 2:,.0f}s")
    print(f"         planted copies found {len(hits & planted)}/{len(planted)}; false same-body {len(hits - planted)}; "
          f"other-body flags {len(others)}")


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 10000]
    print(f"bottom-{nearcopy.SKETCH} sketches, {nearcopy.MIN_SHARED} shared hashes make a candidate; "
          f"copy limits {cr.SAME_BODY_OVERLAP:.0%} (same body) / "
          f"{cr.OTHER_BODY_OVERLAP:.0%} (other body)")
    for n in sizes:
        run(n)
