using System.Text;
using NATS.Client.Core;

namespace WasmCloud.Host.Tests;

/// <summary>Publishes until the answer arrives: a provider subscribes once its link arrives, and until then a message finds nobody.</summary>
internal static class Republish
{
    public static async Task<NatsMsg<byte[]>> UntilAnsweredAsync(INatsConnection client, INatsSub<byte[]> answers, string subject, string body)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await client.PublishAsync(subject, Encoding.UTF8.GetBytes(body), cancellationToken: wait.Token);
            using var round = CancellationTokenSource.CreateLinkedTokenSource(wait.Token);
            round.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                return await answers.Msgs.ReadAsync(round.Token);
            }
            catch (OperationCanceledException) when (!wait.IsCancellationRequested)
            {
            }
        }
    }
}
