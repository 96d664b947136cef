namespace OpsBot.Tests.Commands;

/// <summary>The incident the handler tests look at: a Black-Friday frontend in trouble (SCENARIOS.md S1, S3, S6, S7, S10).</summary>
internal static class SeedManifests
{
    public static string ReplicaSets(string deploymentUid) => $$$"""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: frontend-6c5b
          namespace: ecommerce-production
          labels: {app: frontend, pod-template-hash: 6c5b}
          annotations: {deployment.kubernetes.io/revision: "2", kubernetes.io/change-cause: "deploy 2.4.0"}
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: frontend, uid: "{{{deploymentUid}}}", controller: true}]
        spec:
          replicas: 0
          selector: {matchLabels: {app: frontend, pod-template-hash: 6c5b}}
          template:
            metadata: {labels: {app: frontend, pod-template-hash: 6c5b}}
            spec: {containers: [{name: app, image: "registry.example.com/frontend:2.4.0"}]}
        status: {replicas: 0}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: frontend-7d9f
          namespace: ecommerce-production
          labels: {app: frontend, pod-template-hash: 7d9f}
          annotations: {deployment.kubernetes.io/revision: "3", kubernetes.io/change-cause: "deploy 2.4.1 (black friday)"}
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: frontend, uid: "{{{deploymentUid}}}", controller: true}]
        spec:
          replicas: 4
          selector: {matchLabels: {app: frontend, pod-template-hash: 7d9f}}
          template:
            metadata: {labels: {app: frontend, pod-template-hash: 7d9f}}
            spec: {containers: [{name: app, image: "registry.example.com/frontend:2.4.1"}]}
        status: {replicas: 4, readyReplicas: 1}
        """;

    /// <summary>A <c>kubernetes.io/tls</c> secret whose certificate for <paramref name="host"/> expires at <paramref name="notAfter"/>.</summary>
    public static string TlsSecret(string name, string host, DateTimeOffset notAfter)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=" + host, key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(notAfter.AddDays(-90), notAfter);
        var pem = certificate.ExportCertificatePem();
        var keyPem = "-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n";
        return $$"""
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/tls
            metadata: {name: {{name}}, namespace: ecommerce-production}
            data:
              tls.crt: {{Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(pem))}}
              tls.key: {{Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(keyPem))}}
            """;
    }

    public const string Namespace = "ecommerce-production";

    public const string Yaml = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ecommerce-production}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: payments-prod}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-a, labels: {kubernetes.io/hostname: node-a}}
        spec: {}
        status:
          allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
          capacity: {cpu: "4", memory: 16Gi, pods: "110"}
          conditions:
          - {type: MemoryPressure, status: "False", reason: KubeletHasSufficientMemory}
          - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}
          nodeInfo: {kubeletVersion: v1.30.4}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-b}
        spec:
          taints:
          - {key: dedicated, value: payments, effect: NoSchedule}
        status:
          allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
          conditions:
          - {type: Ready, status: "True", reason: KubeletReady}
          nodeInfo: {kubeletVersion: v1.30.4}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-c}
        spec:
          unschedulable: true
          taints:
          - {key: node.kubernetes.io/unreachable, effect: NoSchedule}
          - {key: node.kubernetes.io/unreachable, effect: NoExecute}
        status:
          allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
          conditions:
          - {type: Ready, status: Unknown, reason: NodeStatusUnknown, message: Kubelet stopped posting node status.}
          nodeInfo: {kubeletVersion: v1.30.4}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: frontend
          namespace: ecommerce-production
          generation: 3
          annotations: {deployment.kubernetes.io/revision: "3"}
        spec:
          replicas: 4
          selector: {matchLabels: {app: frontend}}
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
          template:
            metadata: {labels: {app: frontend}}
            spec:
              containers:
              - name: app
                image: registry.example.com/frontend:2.4.1
                resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}
        status:
          observedGeneration: 3
          replicas: 4
          updatedReplicas: 4
          readyReplicas: 1
          availableReplicas: 1
          unavailableReplicas: 3
          conditions:
          - {type: Available, status: "False", reason: MinimumReplicasUnavailable, message: Deployment does not have minimum availability.}
          - {type: Progressing, status: "True", reason: ReplicaSetUpdated, message: ReplicaSet "frontend-7d9f" is progressing.}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend-7d9f-a
          namespace: ecommerce-production
          labels: {app: frontend}
        spec:
          nodeName: node-a
          containers:
          - name: app
            image: registry.example.com/frontend:2.4.1
            resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}
        status:
          phase: Running
          conditions:
          - {type: Ready, status: "True"}
          containerStatuses:
          - name: app
            ready: true
            restartCount: 0
            image: registry.example.com/frontend:2.4.1
            state: {running: {startedAt: "2026-11-20T02:00:00Z"}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend-7d9f-b
          namespace: ecommerce-production
          labels: {app: frontend}
        spec:
          nodeName: node-a
          containers:
          - name: app
            image: registry.example.com/frontend:2.4.1
            resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}
        status:
          phase: Running
          conditions:
          - {type: Ready, status: "False", reason: ContainersNotReady}
          containerStatuses:
          - name: app
            ready: false
            restartCount: 5
            image: registry.example.com/frontend:2.4.1
            state: {waiting: {reason: CrashLoopBackOff, message: back-off 1m20s restarting failed container=app pod=frontend-7d9f-b}}
            lastState: {terminated: {reason: OOMKilled, exitCode: 137, startedAt: "2026-11-20T02:55:00Z", finishedAt: "2026-11-20T02:58:00Z"}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend-7d9f-c
          namespace: ecommerce-production
          labels: {app: frontend}
        spec:
          containers:
          - name: app
            image: registry.example.com/frontend:2.4.1
            resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}
        status:
          phase: Pending
          conditions:
          - {type: PodScheduled, status: "False", reason: Unschedulable, message: "0/3 nodes are available: 3 Insufficient memory."}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend-7d9f-d
          namespace: ecommerce-production
          labels: {app: frontend}
        spec:
          nodeName: node-b
          containers:
          - name: app
            image: registry.example.com/frontend:2.4.2-typo
        status:
          phase: Pending
          containerStatuses:
          - name: app
            ready: false
            restartCount: 0
            image: registry.example.com/frontend:2.4.2-typo
            state: {waiting: {reason: ImagePullBackOff, message: "Back-off pulling image \"registry.example.com/frontend:2.4.2-typo\""}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: checkout-5c6b-a
          namespace: ecommerce-production
          labels: {app: checkout}
        spec:
          nodeName: node-b
          containers:
          - name: app
            image: registry.example.com/checkout:1.9.0
            resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {memory: 1Gi}}
        status:
          phase: Running
          conditions:
          - {type: Ready, status: "True"}
          containerStatuses:
          - name: app
            ready: true
            restartCount: 0
            state: {running: {startedAt: "2026-11-20T02:00:00Z"}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: ledger-0, namespace: payments-prod}
        spec:
          nodeName: node-b
          containers:
          - {name: app, image: registry.example.com/ledger:3.1.0}
        status:
          phase: Running
          conditions:
          - {type: Ready, status: "True"}
          containerStatuses:
          - {name: app, ready: true, restartCount: 0, state: {running: {startedAt: "2026-11-20T02:00:00Z"}}}
        ---
        apiVersion: v1
        kind: Event
        metadata: {name: frontend-7d9f-b.backoff, namespace: ecommerce-production}
        involvedObject: {kind: Pod, name: frontend-7d9f-b, namespace: ecommerce-production}
        type: Warning
        reason: BackOff
        message: Back-off restarting failed container app in pod frontend-7d9f-b
        count: 12
        firstTimestamp: "2026-11-20T02:30:00Z"
        lastTimestamp: "2026-11-20T02:59:00Z"
        ---
        apiVersion: v1
        kind: Event
        metadata: {name: frontend-7d9f-b.oom, namespace: ecommerce-production}
        involvedObject: {kind: Pod, name: frontend-7d9f-b, namespace: ecommerce-production}
        type: Normal
        reason: Pulled
        message: Container image "registry.example.com/frontend:2.4.1" already present on machine
        count: 6
        firstTimestamp: "2026-11-20T02:30:00Z"
        lastTimestamp: "2026-11-20T02:58:30Z"
        ---
        apiVersion: v1
        kind: Event
        metadata: {name: frontend-7d9f-c.sched, namespace: ecommerce-production}
        involvedObject: {kind: Pod, name: frontend-7d9f-c, namespace: ecommerce-production}
        type: Warning
        reason: FailedScheduling
        message: "0/3 nodes are available: 3 Insufficient memory."
        count: 3
        firstTimestamp: "2026-11-20T02:40:00Z"
        lastTimestamp: "2026-11-20T02:50:00Z"
        ---
        apiVersion: v1
        kind: Event
        metadata: {name: frontend-old, namespace: ecommerce-production}
        involvedObject: {kind: Deployment, name: frontend, namespace: ecommerce-production}
        type: Normal
        reason: ScalingReplicaSet
        message: Scaled up replica set frontend-7d9f to 4
        count: 1
        firstTimestamp: "2026-11-19T20:00:00Z"
        lastTimestamp: "2026-11-19T20:00:00Z"
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: frontend, namespace: ecommerce-production}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}
          minReplicas: 2
          maxReplicas: 4
          metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
          behavior:
            scaleUp: {stabilizationWindowSeconds: 0, selectPolicy: Max, policies: [{type: Percent, value: 100, periodSeconds: 15}]}
        status:
          currentReplicas: 4
          desiredReplicas: 4
          currentMetrics:
          - type: Resource
            resource: {name: cpu, current: {averageUtilization: 95, averageValue: 950m}}
          conditions:
          - {type: AbleToScale, status: "True", reason: ReadyForNewScale, message: recommended size matches current size}
          - {type: ScalingActive, status: "True", reason: ValidMetricFound, message: the HPA was able to successfully calculate a replica count from cpu resource utilization}
          - {type: ScalingLimited, status: "True", reason: TooManyReplicas, message: the desired replica count is more than the maximum replica count}
        """;
}
