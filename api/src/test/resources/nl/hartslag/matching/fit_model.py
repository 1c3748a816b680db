import numpy as np, sys
"""Fits match-model.properties: python3 fit_model.py FEATURES.csv OUT.properties L2 THRESHOLD"""
lam=float(sys.argv[3]) if len(sys.argv)>3 else 0.3
rows=[l.strip().split(',') for l in open(sys.argv[1])]
names=rows[0][2:]
X=np.array([[float(v) for v in r[2:]] for r in rows[1:]]); y=np.array([float(r[1]) for r in rows[1:]])
n,d=X.shape
w=np.zeros(d); b=0.0
# Newton / IRLS with L2
for it in range(50):
    z=X@w+b; p=1/(1+np.exp(-z))
    g_w=X.T@(p-y)+lam*w; g_b=np.sum(p-y)
    W=p*(1-p)
    H=np.zeros((d+1,d+1))
    Xa=np.hstack([X,np.ones((n,1))])
    H=Xa.T@(Xa*W[:,None]); H[:d,:d]+=lam*np.eye(d)
    step=np.linalg.solve(H+1e-9*np.eye(d+1), np.concatenate([g_w,[g_b]]))
    w-=step[:d]; b-=step[d]
    if np.max(np.abs(step))<1e-8: break
z=X@w+b; p=1/(1+np.exp(-z))
ll=-np.mean(y*np.log(p+1e-12)+(1-y)*np.log(1-p+1e-12))
print('logloss',round(ll,4),'bias',round(b,3), file=sys.stderr)
with open(sys.argv[2],'w') as o:
    o.write("# Logistic model for \"is this report about this cluster's problem\", fitted on the labelled\n")
    o.write("# development set (shared/dedup/dev.jsonl): every report against every live candidate cluster,\n")
    o.write("# replayed in time order with the true clusters and with the engine's own clusters\n# (MatchModelTool features); L2 = %s. Refit with the steps in the README.\n" % lam)
    o.write("threshold=%s\n" % (sys.argv[4] if len(sys.argv)>4 else "0.45"))
    o.write("bias=%.4f\n" % b)
    for nm,wi in zip(names,w): o.write("w.%s=%.4f\n" % (nm,wi))
for nm,wi in sorted(zip(names,w), key=lambda t:-abs(t[1])): print(f"{nm:18s} {wi:+.3f}", file=sys.stderr)
