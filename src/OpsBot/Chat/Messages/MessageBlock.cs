using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>
/// One block of a <see cref="ChatMessage"/>. The set is closed: each renderer handles every kind.
/// In JSON the kind is the <c>"type"</c> property.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(FieldsBlock), "fields")]
[JsonDerivedType(typeof(CodeBlock), "code")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
public abstract record MessageBlock
{
    private protected MessageBlock()
    {
    }
}
